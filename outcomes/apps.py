from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes"

    def ready(self) -> None:
        from enablement.prompts import register_measure_prompts
        from outcomes.measure_prompts import measure_prompts
        from outcomes.timeline import SOURCES
        from people.timeline import register_sources

        register_sources(SOURCES)
        register_measure_prompts(measure_prompts)

        from outcomes import summary

        summary.register()
