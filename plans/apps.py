from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = "Person-centred plans"

    def ready(self) -> None:
        from plans import summary, timeline

        timeline.register()
        summary.register()
