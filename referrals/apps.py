from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from referrals import timeline  # noqa: F401  (registers the person's timeline source)
