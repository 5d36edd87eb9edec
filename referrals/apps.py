from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from people.timeline import register_sources
        from referrals.timeline import SOURCES

        register_sources(SOURCES)
