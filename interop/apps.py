from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "Working with other systems"

    def ready(self) -> None:
        from interop.builders import register_builders
        from interop.legacy.purge import purge_person
        from interop.timeline import SOURCES
        from people.signals import destroying_person
        from people.timeline import register_sources

        register_sources(SOURCES)

        from casesearch.sources import register_source
        from interop.search import HISTORICAL_CONTACTS

        register_source(HISTORICAL_CONTACTS)
        destroying_person.connect(purge_person, dispatch_uid="interop.legacy.purge_person")
        register_builders()
