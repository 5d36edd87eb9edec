from django.apps import AppConfig


class CasesearchConfig(AppConfig):
    name = "casesearch"
    verbose_name = "Search in case notes"

    def ready(self) -> None:
        from casesearch.sources import SOURCES, register_source

        for source in SOURCES:
            register_source(source)

        from casesearch.index import purge_person
        from people.signals import destroying_person

        destroying_person.connect(purge_person, dispatch_uid="casesearch.purge_person")
