from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Members' own pages"

    def ready(self) -> None:
        from portal.builders import register_builders

        register_builders()
