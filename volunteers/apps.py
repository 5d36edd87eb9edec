from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "Volunteers"

    def ready(self) -> None:
        from people.timeline import register_sources
        from volunteers.timeline import SOURCES

        register_sources(SOURCES)
