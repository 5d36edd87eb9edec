"""Load the message telling an uploader that a later virus check found something
(notifications.catalogue's "document_virus_found") on databases made before it was shipped."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from notifications.catalogue import shipped

CODE = "document_virus_found"


def load(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.get_or_create(code=CODE, defaults=shipped(CODE))


def unload(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("notifications", "MessageTemplate").objects.filter(code=CODE, messages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_documents"), ("notifications", "0002_load_shipped_templates")]
    operations = [migrations.RunPython(load, unload)]
