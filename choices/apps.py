from django.apps import AppConfig


class ChoicesConfig(AppConfig):
    name = "choices"
    verbose_name = "Choice and control: personal budgets and the route into work"

    def ready(self) -> None:
        from choices import summary
        from choices.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
        summary.register()
