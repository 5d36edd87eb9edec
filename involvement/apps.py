from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = "Involvement"

    def ready(self) -> None:
        from involvement.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
