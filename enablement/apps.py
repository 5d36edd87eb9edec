from django.apps import AppConfig


class EnablementConfig(AppConfig):
    name = "enablement"
    verbose_name = "Enablement"

    def ready(self) -> None:
        from enablement import timeline  # noqa: F401  (registers the person's timeline sources)
