from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from audit.services import record_move
        from core.status import register_audit_writer

        register_audit_writer(record_move)
