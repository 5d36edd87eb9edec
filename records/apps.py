from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Records management (backups, retention, subject access)"

    def ready(self) -> None:
        from people.amendments import register_amended_fields
        from people.timeline import register_sources
        from records.builders import register_builders
        from records.rectification import amended_fields
        from records.timeline import SOURCES

        register_sources(SOURCES)
        register_amended_fields(amended_fields)
        register_builders()
