from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from volunteers.catalogue import ensure_catalogue


def add(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ensure_catalogue(apps.get_model("volunteers", "TrainingModule"))


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
