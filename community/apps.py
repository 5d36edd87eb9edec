from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community projects"

    def ready(self) -> None:
        from community.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
        from community.notices import AUDIENCES, send_session_reminders
        from notifications.audiences import register_audiences
        from notifications.reminders import register_reminders

        register_audiences(AUDIENCES)
        register_reminders("session_reminders", send_session_reminders)
