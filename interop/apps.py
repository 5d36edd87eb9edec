from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "Working with other systems"

    def ready(self) -> None:
        from interop.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
