from django.apps import AppConfig


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Resource hub and signposting"

    def ready(self) -> None:
        from hub.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
