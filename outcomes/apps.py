from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = "Outcomes"

    def ready(self) -> None:
        from enablement.prompts import register_measure_prompts
        from outcomes import timeline_source
        from outcomes.measure_prompts import measure_prompts

        timeline_source.register()
        register_measure_prompts(measure_prompts)
