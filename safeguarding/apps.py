from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Risk and safeguarding"

    def ready(self) -> None:
        from people.timeline import register_sources
        from safeguarding.timeline import SOURCES

        register_sources(SOURCES)

        from safeguarding import summary

        summary.register()
