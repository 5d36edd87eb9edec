from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Messages and reminders"

    def ready(self) -> None:
        from notifications.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
