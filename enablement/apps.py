from django.apps import AppConfig


class EnablementConfig(AppConfig):
    name = "enablement"
    verbose_name = "Enablement"

    def ready(self) -> None:
        from enablement.access import open_episode_for
        from enablement.timeline import SOURCES
        from people.open_work import register_open_episode
        from people.timeline import register_sources

        register_sources(SOURCES)
        register_open_episode(open_episode_for)
