"""The configurable list of feedback themes: managers add them and retire them."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from involvement import services
from involvement.forms import ThemeForm
from involvement.models import FeedbackTheme
from involvement.presenters import involvement_nav
from submissions.services import ALREADY_SAVED, earlier, key_for_form, once


@requires(Capability.HANDLE_FEEDBACK)
def theme_list(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(posted(request))
    valid = request.method == "POST" and form.is_valid()
    # Asked after the form's checks, not before: a copy of this form sent at the same moment may
    # commit its theme while ours is being checked, so ours finds the name taken by itself.
    if earlier(request, FeedbackTheme) is not None:
        messages.success(request, ALREADY_SAVED)
        return redirect("involvement:theme_list")
    if valid:
        saved = once(
            request,
            model=FeedbackTheme,
            create=lambda: services.add_feedback_theme(by=acting_user(request), name=form.cleaned_data["name"]),
        )
        messages.success(request, f"Theme added: {saved.obj.name}" if saved.created else ALREADY_SAVED)
        return redirect("involvement:theme_list")
    themes = list(FeedbackTheme.objects.order_by("-active", "position", "name")[:200])
    return render(
        request,
        "involvement/themes.jinja",
        {"form": form, "themes": themes, "involvement_nav": involvement_nav(request.user), "submission_key": key_for_form(request)},
    )


@require_POST
@requires(Capability.HANDLE_FEEDBACK)
def theme_toggle(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = FeedbackTheme.objects.filter(pk=theme_id).first()
    if theme is None:
        raise Http404
    services.set_feedback_theme_active(by=acting_user(request), theme=theme, active=not theme.active)
    messages.success(request, f"{theme.name}: {'offered again' if theme.active else 'no longer offered'}")
    return redirect("involvement:theme_list")
