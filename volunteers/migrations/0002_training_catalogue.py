from django.db import migrations

from volunteers.catalogue import ensure_catalogue


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    ensure_catalogue(apps.get_model("volunteers", "TrainingModule"))


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
