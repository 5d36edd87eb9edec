"""The register on a phone: for people rostered on a session, and the project's leads.

Every change is idempotent (a double tap or a retry changes nothing more), works without
JavaScript, and with htmx marks someone without reloading the page."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.access import acting_user, requires
from accounts.roles import Capability, can
from community import services
from community.access import get_register_session_for, get_regular_for_register, register_lines, register_sessions_for
from community.forms import HeadcountForm, NewRegularForm, RegisterSearchForm
from community.models import Session
from community.models.enrolment import CommunityError
from community.presenters import SessionPresenter
from core.posted import posted
from core.status import show_refusal
from people.models import Person
from submissions.services import key_for_form, once


def _may_signpost(request: HttpRequest) -> bool:
    """Whoever takes the register may record signposting there (hub.views.dropin). Kept out of the
    register view, whose code would otherwise read as taking a form (submissions' declaration test)."""
    return can(request.user, Capability.SIGNPOST_AT_DROP_IN)


@requires(Capability.TAKE_REGISTER)
def my_sessions(request: HttpRequest) -> HttpResponse:
    """Sessions whose register this user can take: today's first, then the week ahead, then the
    week just gone (newest first), so the one in hand is at the top of a phone's screen."""
    today = timezone.localdate()
    # Local midnights, so the range uses the sessions' start index (`starts_at__date` does not).
    first = timezone.make_aware(datetime.combine(today - timedelta(days=7), time.min))
    after = timezone.make_aware(datetime.combine(today + timedelta(days=8), time.min))
    sessions = list(
        register_sessions_for(request.user)
        .filter(starts_at__gte=first, starts_at__lt=after)
        .select_related("activity__venue")
        .order_by("starts_at")[:50]
    )

    def local_day(session: Session) -> date:
        return timezone.localtime(session.starts_at).date()

    groups = [
        ("Today", [SessionPresenter(s) for s in sessions if local_day(s) == today]),
        ("Coming up", [SessionPresenter(s) for s in sessions if local_day(s) > today]),
        ("Last week", [SessionPresenter(s) for s in reversed(sessions) if local_day(s) < today]),
    ]
    return render(
        request,
        "community/register/my_sessions.jinja",
        {"groups": [(heading, items) for heading, items in groups if items], "any_sessions": bool(sessions)},
    )


def _register_url(session: Session, search: str = "") -> str:
    url = reverse("community:register", kwargs={"session_id": session.pk})
    return f"{url}?q={search}" if search else url


@requires(Capability.TAKE_REGISTER)
def register(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_register_session_for(request, session_id)
    search_form = RegisterSearchForm(request.GET)
    search = search_form.cleaned_data["q"] if search_form.is_valid() else ""
    lines = register_lines(request, session, search=search)
    return render(
        request,
        "community/register/register.jinja",
        {
            "session": session,
            "presenter": SessionPresenter(session),
            "lines": lines,
            "here_count": services.here_count(session),
            "search": search,
            "search_form": search_form,
            "headcount_form": HeadcountForm(initial={"headcount": session.headcount}),
            "may_signpost": _may_signpost(request),
        },
    )


def _marked(request: HttpRequest, session_id: int, person_id: uuid.UUID, *, present: bool) -> HttpResponse:
    session = get_register_session_for(request, session_id)
    person = get_regular_for_register(request, session, person_id)
    search = request.POST.get("q", "")[:50]
    try:
        services.mark_attendance(by=acting_user(request), session=session, person=person, present=present)
    except CommunityError as error:
        show_refusal(request, error)
        if request.htmx:  # type: ignore[attr-defined]
            response = HttpResponse(status=204)
            response["HX-Redirect"] = _register_url(session, search)  # reload the page to show why
            return response
        return redirect(_register_url(session, search))
    if request.htmx:  # type: ignore[attr-defined]
        from community.access import RegisterLine

        line = RegisterLine(person_id=person.pk, first_name=person.known_as, initial="", present=present)
        return render(
            request,
            "community/register/_marked.jinja",
            {"session": session, "line": line, "search": search, "here_count": services.here_count(session)},
        )
    messages.success(request, f"{person.known_as} {'is marked as here' if present else 'is no longer marked as here'}")
    return redirect(_register_url(session, search))


@require_POST
@requires(Capability.TAKE_REGISTER)
def register_mark(request: HttpRequest, session_id: int, person_id: uuid.UUID) -> HttpResponse:
    """Mark someone here. Only ever marks: a second tap, a retry or a stale page sending it again
    leaves them marked (un-marking is `register_unmark`, a different button and address)."""
    return _marked(request, session_id, person_id, present=True)


@require_POST
@requires(Capability.TAKE_REGISTER)
def register_unmark(request: HttpRequest, session_id: int, person_id: uuid.UUID) -> HttpResponse:
    """Undo a mark, only when someone chose "Not here after all"."""
    return _marked(request, session_id, person_id, present=False)


@require_POST
@requires(Capability.TAKE_REGISTER)
def register_headcount(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_register_session_for(request, session_id)
    form = HeadcountForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("headcount", ["Enter a number of people"])))
        return redirect(_register_url(session))
    try:
        services.set_headcount(by=acting_user(request), session=session, count=form.cleaned_data["headcount"])
    except CommunityError as error:
        show_refusal(request, error)
    else:
        messages.success(request, f"Saved: {form.cleaned_data['headcount']} people came without giving their name")
    return redirect(_register_url(session))


@requires(Capability.TAKE_REGISTER)
def register_new_regular(request: HttpRequest, session_id: int) -> HttpResponse:
    session = get_register_session_for(request, session_id)
    form = NewRegularForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            person = once(
                request,
                model=Person,
                create=lambda: services.add_regular(
                    by=acting_user(request),
                    session=session,
                    given_name=form.cleaned_data["given_name"],
                    family_name=form.cleaned_data["family_name"],
                ),
            ).obj
        except CommunityError as error:
            show_refusal(request, error, form)
        else:
            messages.success(request, f"{person.known_as} has been added and marked as here")
            return redirect(_register_url(session))
    return render(
        request,
        "community/register/new_regular.jinja",
        {"form": form, "session": session, "presenter": SessionPresenter(session), "submission_key": key_for_form(request)},
    )
