from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community projects"

    def ready(self) -> None:
        from community.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
