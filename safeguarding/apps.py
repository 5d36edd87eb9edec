from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "safeguarding"
    verbose_name = "Risk and safeguarding"

    def ready(self) -> None:
        from safeguarding import summary, timeline

        timeline.register()
        summary.register()
