from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = "Volunteers"

    def ready(self) -> None:
        from people.timeline import register_source
        from volunteers import timeline

        register_source("volunteering", "Volunteering", timeline.volunteering_entries, shown_to_member=True)
