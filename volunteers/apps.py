from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "Volunteers"

    def ready(self) -> None:
        from people.timeline import register_sources
        from volunteers.timeline import SOURCES

        register_sources(SOURCES)
        from notifications.audiences import register_audiences
        from notifications.reminders import register_reminders
        from volunteers.notices import AUDIENCES, shift_reminders

        register_audiences(AUDIENCES)
        register_reminders("shift_reminders", shift_reminders)
