from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Person-centred plans"

    def ready(self) -> None:
        from people.timeline import register_sources
        from plans.timeline import SOURCES

        register_sources(SOURCES)

        from plans import summary

        summary.register()
