from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Community projects"

    def ready(self) -> None:
        from community import timeline
        from people.timeline import register_source

        register_source("community", "Drop-ins and groups", timeline.attendance_entries)
        register_source("courses", "Courses", timeline.enrolment_entries)
