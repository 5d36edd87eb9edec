from django.apps import AppConfig


class EnablementConfig(AppConfig):
    name = "enablement"
    verbose_name = "Enablement"

    def ready(self) -> None:
        from enablement.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
