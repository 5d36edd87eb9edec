"""Use the language a member chose, on every device they sign in from."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from accounts.roles import Capability, can

SESSION_LANGUAGE = "star_language"


class MemberLanguageMiddleware:
    """Runs after authentication. The member's saved choice is read once per session (and kept
    in the session), then wins over the browser's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if can(user, Capability.SEE_OWN_RECORD):
            language = request.session.get(SESSION_LANGUAGE)
            if language is None:
                from portal.models import MemberPreference

                language = MemberPreference.objects.filter(user=user).values_list("language", flat=True).first() or ""
                request.session[SESSION_LANGUAGE] = language
            if language and language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
