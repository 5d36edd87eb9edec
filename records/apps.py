from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = "Records management (backups, retention, subject access)"

    def ready(self) -> None:
        from people.timeline import register_source
        from records.timeline import data_protection_entries

        register_source("data_protection", "Data protection requests", data_protection_entries)
