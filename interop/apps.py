from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "Working with other systems"

    def ready(self) -> None:
        from interop import timeline
        from interop.legacy.purge import purge_person
        from records.signals import destroying_person

        timeline.register()
        destroying_person.connect(purge_person, dispatch_uid="interop.legacy.purge_person")
