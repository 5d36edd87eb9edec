"""Load the shipped message templates (their words as they were when this migration was written:
later changes to notifications.catalogue are loaded by `template_for` only for missing codes)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from notifications.catalogue import SHIPPED, shipped


def load(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    for entry in SHIPPED:
        MessageTemplate.objects.get_or_create(code=entry["code"], defaults=shipped(entry["code"]))


def unload(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.filter(code__in=[entry["code"] for entry in SHIPPED], messages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_messages_and_templates")]
    operations = [migrations.RunPython(load, unload)]
