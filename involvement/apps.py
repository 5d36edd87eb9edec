from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = "Involvement"

    def ready(self) -> None:
        from involvement import timeline

        timeline.register()
