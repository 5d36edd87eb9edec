from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self) -> None:
        from people.timeline import SOURCES, register_sources

        register_sources(SOURCES)
