"""What appointments register with notifications: a reminder the day before each booked
appointment, by the person's own channel if they asked for reminders; once per appointment."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from appointments.models import Appointment
from notifications.models import Status
from notifications.services import send


def send_appointment_reminders(now: datetime) -> int:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time.min))
    due = (
        Appointment.objects.filter(status=Appointment.Status.BOOKED, starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .select_related("person", "worker")
        .order_by("starts_at")
    )
    sent = 0
    for appointment in due:
        starts = timezone.localtime(appointment.starts_at)
        how = appointment.get_mode_display() + (f" at {appointment.place}" if appointment.place else "")
        message = send(
            by=None,
            to_person=appointment.person,
            template="appointment_reminder",
            personalisation={
                "worker": appointment.worker.first_name or appointment.worker.display_name,
                "date": f"{starts:%A %-d %B}",
                "time": f"{starts:%H:%M}",
                "how": how,
                "note": appointment.note,
            },
            reason="Reminder of an appointment tomorrow",
            reference=f"appointment-reminder:{appointment.pk}",
        )
        if message.status != Status.NOT_SENT:
            sent += 1
            Appointment.objects.filter(pk=appointment.pk, reminded_at__isnull=True).update(reminded_at=timezone.now())
    return sent
