from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from community.published import register_published_attendance
        from reports.figures.published import published_project_attendance

        register_published_attendance(published_project_attendance)

        from reports.downloads import register_builders

        register_builders()

        from reports.cohorts import register

        register()

        from reports.signals import connect

        connect()
