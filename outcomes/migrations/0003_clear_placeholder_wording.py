"""Earlier demo data loaded placeholder text as the wording of the licensed measures (SWEMWBS,
WEMWBS). Members must never see it: clear it, so the measure waits for the licensed wording to be
entered on the wording page (and is not offered to members until then)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

PLACEHOLDER_START = "Demo placeholder statement"


def clear_placeholder_wording(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Instrument = apps.get_model("outcomes", "Instrument")
    Item = apps.get_model("outcomes", "Item")
    affected = set(Item.objects.filter(text__startswith=PLACEHOLDER_START).values_list("instrument_id", flat=True))
    if not affected:
        return
    Item.objects.filter(instrument_id__in=affected).update(text="")
    Instrument.objects.filter(pk__in=affected, wording_licensed=True).update(wording_loaded_at=None)


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0002_measurement_contact")]

    operations = [migrations.RunPython(clear_placeholder_wording, migrations.RunPython.noop)]
