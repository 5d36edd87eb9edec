from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community projects"

    def ready(self) -> None:
        from community import timeline
        from people.timeline import register_source

        register_source("community", "Drop-ins and groups", timeline.community_entries)
