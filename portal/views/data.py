"""Choices about their data: who has looked at their record, consents, and a copy of the record."""

from __future__ import annotations

import json
import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from downloads import services as downloads
from downloads.access import downloads_for
from people.services import current_consents, lock_person_for_edit
from portal import access, services
from portal.builders import MEMBER_COPY, member_copy_filename
from portal.forms import ConsentsForm, LanguageForm
from portal.middleware import SESSION_LANGUAGE
from portal.presenters import access_row, consent_row
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened


@requires(Capability.SEE_OWN_RECORD)
def access_log(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request, page="who has looked")
    user = acting_user(request)
    page = Paginator(access.access_history(user, person), 25).get_page(request.GET.get("page"))
    rows = [access_row(event, user.pk) for event in page.object_list]
    return render(request, "portal/access_log.jinja", {"page": page, "rows": rows})


@requires(Capability.SEE_OWN_RECORD)
def consents(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request, page="choices")
    current = current_consents(person)
    form = ConsentsForm(posted(request), initial=_given(current))
    edit = edit_check(request, form, saved=_given(current))
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: _given(current_consents(lock_person_for_edit(person))), discard_url=request.path
            ):
                services.change_own_consents(member=acting_user(request), person=person, given=set(form.cleaned_data["given"]))
        except EditConflict as conflict:
            form, edit = ConsentsForm(initial=conflict.merged), conflict.check
        else:
            messages.success(request, _("We have saved your choices"))
            return redirect("portal:consents")
    member = acting_user(request)
    history = [consent_row(row, member.pk) for row in access.consent_history(member, person)[:20]]
    shares = access.own_crisis_shares(member, person)
    return render(request, "portal/consents.jinja", {"form": form, "history": history, "shares": shares, "edit_check": edit})


@require_POST
@requires(Capability.SEE_OWN_RECORD)
def stop_sharing(request: HttpRequest, share_id: int) -> HttpResponse:
    """The member withdraws their agreement for one recipient of their crisis plan."""
    from plans.services import withdraw_share_consent

    person = access.own_person(request, page="choices")
    share = access.get_own_crisis_share(request, person, share_id)
    withdraw_share_consent(by=acting_user(request), share=share)
    messages.success(request, _("We will not send your crisis plan to %(name)s any more") % {"name": share.recipient_name})
    return redirect("portal:consents")


def _given(consents: dict[str, bool]) -> dict[str, list[str]]:
    return {"given": [kind for kind, given in consents.items() if given]}


@requires(Capability.SEE_OWN_RECORD)
def download(request: HttpRequest) -> HttpResponse:
    access.own_person(request, page="download")
    return render(request, "portal/download.jinja", {"request_token": secrets.token_urlsafe(24)})


@require_POST
@requires(Capability.SEE_OWN_RECORD)
def make_download(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request, page="download")
    token = request.POST.get("request_token", "")[:64]
    if not token:
        messages.error(request, _("Something went wrong. Press the button again"))
        return redirect("portal:download")
    if downloads.in_background():
        return _ask_for_copy(request, token)
    result = services.make_record_download(member=acting_user(request), person=person, request_token=token)
    if result.made_now:
        messages.success(request, _("Your copy is ready"))
    else:
        messages.info(request, _("You already asked for this copy, so we have not made another one. Here it is."))
    return redirect("portal:download_ready", download_id=result.download.pk)


def _ask_for_copy(request: HttpRequest, token: str) -> HttpResponse:
    """With a broker a worker makes the copy (`portal.builders`, with the same service and audit
    event); the member follows it on the progress page. The form's token asks once: sending the
    form again goes to the same progress page."""
    member = acting_user(request)
    earlier = downloads_for(member).filter(kind=MEMBER_COPY, params__request_token=token).first()
    if earlier is None:
        earlier = downloads.ask(
            by=member,
            kind=MEMBER_COPY,
            params={"request_token": token, "back_url": reverse("portal:download")},
            title=_("A copy of your record"),
        )
    return redirect("downloads:status", download_id=earlier.pk)


@requires(Capability.SEE_OWN_RECORD)
def download_ready(request: HttpRequest, download_id: int) -> HttpResponse:
    person = access.own_person(request, page="download")
    record_copy = access.get_own_download(request, person, download_id)
    return render(request, "portal/download_ready.jinja", {"download": record_copy})


@requires(Capability.SEE_OWN_RECORD)
def download_read(request: HttpRequest, download_id: int) -> HttpResponse:
    """The copy as a page to read on screen: the same sections and words as the PDF."""
    from django.conf import settings

    from records.member_copy import readable_copy

    person = access.own_person(request, page="download")
    record_copy = access.get_own_download(request, person, download_id)
    copy = readable_copy(json.loads(bytes(record_copy.data)), service_name=settings.STAR_SERVICE_NAME)
    return render(request, "portal/download_read.jinja", {"download": record_copy, "copy": copy, "person": person})


@requires(Capability.SEE_OWN_RECORD)
def download_file(request: HttpRequest, download_id: int, file_format: str) -> HttpResponse:
    if file_format not in ("pdf", "json"):
        raise Http404
    person = access.own_person(request, page="download")
    record_copy = access.get_own_download(request, person, download_id)
    if file_format == "pdf":
        response = HttpResponse(bytes(record_copy.pdf), content_type="application/pdf")
    else:
        response = HttpResponse(bytes(record_copy.data), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{member_copy_filename(record_copy, file_format)}"'
    return response


@requires(Capability.SEE_OWN_RECORD)
def language(request: HttpRequest) -> HttpResponse:
    form = LanguageForm(posted(request), initial={"language": request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else "en-gb"})
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["language"]
        services.choose_language(user=acting_user(request), language=chosen)
        request.session[SESSION_LANGUAGE] = chosen
        response = redirect("portal:home")
        from django.conf import settings

        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, samesite="Lax", max_age=365 * 24 * 3600)
        return response
    return render(request, "portal/language.jinja", {"form": form})
