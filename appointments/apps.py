from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        from appointments.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)

        from appointments.notices import send_appointment_reminders
        from notifications.reminders import register_reminders

        register_reminders("appointment_reminders", send_appointment_reminders)
