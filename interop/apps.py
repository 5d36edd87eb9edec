from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "Working with other systems"

    def ready(self) -> None:
        from interop import timeline

        timeline.register()
