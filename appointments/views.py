"""Book an appointment, the diary (day and week, own or the team's), say what happened, cancel,
and the worker's private calendar link."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.access import acting_user, requires
from accounts.models import User
from accounts.roles import Capability, can
from appointments import calendar, services
from appointments.access import diary, get_appointment_for
from appointments.forms import BookForm, CancelForm, OutcomeForm
from appointments.models import Appointment
from core.jinja import uk_time
from core.posted import posted
from enablement.access import get_episode_for
from people.views.person import person_header_context
from submissions.services import ALREADY_SAVED, earlier, key_for_form, once


@requires(Capability.RECORD_ENABLEMENT_WORK)
def book(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = get_episode_for(request, episode_id, audit=request.method == "GET")
    form = BookForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = once(
                request,
                model=Appointment,
                create=lambda: services.book_appointment(
                    by=acting_user(request),
                    episode=episode,
                    starts_at=data["starts_at"],
                    minutes=data["minutes"],
                    mode=data["mode"],
                    place=data["place"],
                    note=data["note"],
                ),
            )
        except services.AppointmentError as refused:
            if (made := earlier(request, Appointment)) is not None:
                # The same form sent at the same moment: the first one booked it, and this one
                # found the time taken by itself.
                messages.success(request, ALREADY_SAVED)
                return redirect(f"{reverse('appointments:diary')}?day={timezone.localtime(made.starts_at).date().isoformat()}")
            form.add_error("day" if not isinstance(refused, services.Clash) else "start_time", str(refused))
        else:
            when = timezone.localtime(saved.obj.starts_at)
            messages.success(request, f"Appointment booked for {uk_time(when)} on {when:%A %-d %B}" if saved.created else ALREADY_SAVED)
            return redirect(f"{reverse('appointments:diary')}?day={when.date().isoformat()}")
    return render(
        request,
        "appointments/book.jinja",
        {**person_header_context(request, episode.person), "form": form, "episode": episode, "submission_key": key_for_form(request)},
    )


def _day_from(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        return timezone.localdate()


@requires(Capability.RECORD_ENABLEMENT_WORK)
@require_GET
def diary_page(request: HttpRequest) -> HttpResponse:
    """A day (the default) or a week, for the signed-in worker; a manager can see the team's, or
    one worker's."""
    day = _day_from(request)
    week = request.GET.get("view") == "week"
    first = day - datetime.timedelta(days=day.weekday()) if week else day
    days = [first + datetime.timedelta(days=n) for n in range(7 if week else 1)]
    team = can(request.user, Capability.SEE_TEAM_DIARY)
    worker: User | None = request.user  # type: ignore[assignment]
    workers: list[User] = []
    if team:
        workers = list(User.objects.filter(is_active=True, appointments__isnull=False).distinct().order_by("first_name", "last_name")[:200])
        chosen = request.GET.get("worker", "")
        worker = next((w for w in workers if str(w.pk) == chosen), None)
    start = timezone.make_aware(datetime.datetime.combine(days[0], datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(days[-1] + datetime.timedelta(days=1), datetime.time.min))
    listed = diary(request, start=start, end=end, worker=worker)
    by_day = {d: [a for a in listed if timezone.localtime(a.starts_at).date() == d] for d in days}
    step = datetime.timedelta(days=7 if week else 1)
    return render(
        request,
        "appointments/diary.jinja",
        {
            "days": by_day,
            "week": week,
            "day": day,
            "today": timezone.localdate(),
            "previous": (first - step).isoformat(),
            "next": (first + step).isoformat(),
            "team": team,
            "workers": workers,
            "worker": worker,
            "now": timezone.now(),
        },
    )


@requires(Capability.RECORD_ENABLEMENT_WORK)
def appointment_page(request: HttpRequest, appointment_id: int) -> HttpResponse:
    """One appointment: once its time has come, say what happened (it becomes a contact); before
    then, cancel it."""
    appointment = get_appointment_for(request, appointment_id, audit=request.method == "GET")
    form = OutcomeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outcome(
                by=acting_user(request),
                appointment=appointment,
                outcome=form.cleaned_data["outcome"],
                what_was_done=form.cleaned_data["what_was_done"],
            )
        except services.AppointmentError as refused:
            form.add_error("outcome", str(refused))
        else:
            messages.success(request, "Saved, and recorded as a contact")
            return redirect("enablement:episode", episode_id=appointment.episode_id)
    return render(
        request,
        "appointments/appointment.jinja",
        {
            **person_header_context(request, appointment.person),
            "appointment": appointment,
            "form": form,
            "cancel_form": CancelForm(),
        },
    )


@require_POST
@requires(Capability.RECORD_ENABLEMENT_WORK)
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = get_appointment_for(request, appointment_id, audit=False)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.cancel_appointment(
                by=acting_user(request),
                appointment=appointment,
                by_person=form.cleaned_data["who"] == "person",
                reason=form.cleaned_data["reason"],
            )
        except services.AppointmentError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, "Appointment cancelled")
            day = timezone.localtime(appointment.starts_at).date().isoformat()
            return redirect(f"{reverse('appointments:diary')}?day={day}")
        return redirect("appointments:appointment", appointment_id=appointment.pk)
    return render(
        request,
        "appointments/appointment.jinja",
        {
            **person_header_context(request, appointment.person),
            "appointment": appointment,
            "form": OutcomeForm(),
            "cancel_form": form,
        },
    )


@requires(Capability.RECORD_ENABLEMENT_WORK)
def diary_link(request: HttpRequest) -> HttpResponse:
    """The private calendar link: made (shown once), or stopped."""
    token = ""  # nosec B105: an empty start, not a password
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            services.stop_diary_feed(by=acting_user(request))
            messages.success(request, "Your calendar link has stopped working")
            return redirect("appointments:diary_link")
        token = services.make_diary_feed(by=acting_user(request))
    live = request.user.diary_feeds.filter(revoked_at__isnull=True).first()  # type: ignore[union-attr]
    feed_url = request.build_absolute_uri(reverse("appointments:feed", kwargs={"token": token})) if token else ""
    return render(request, "appointments/diary_link.jinja", {"feed_url": feed_url, "live": live})


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The worker's appointments for a calendar app: no names, only initials and a reference,
    since the link may be read by a phone's calendar service."""
    user = services.feed_owner(token)
    if user is None:
        raise Http404
    body = calendar.diary_calendar(user, base_url=request.build_absolute_uri(reverse("appointments:diary")))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    response["Content-Disposition"] = 'inline; filename="star-diary.ics"'
    return response
