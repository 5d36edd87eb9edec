"""Store each activity's Open Referral UK service-at-location id, keeping the ids already published
(they were derived from the activity's id), so a lookup is one indexed query."""

import uuid

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def keep_published_ids(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from community.openreferral import derived_id

    Activity = apps.get_model("community", "Activity")
    for activity in Activity.objects.all().only("pk"):
        Activity.objects.filter(pk=activity.pk).update(service_at_location_id=uuid.UUID(derived_id("service_at_location", activity.pk)))


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [
        migrations.AddField(model_name="activity", name="service_at_location_id", field=models.UUIDField(null=True, editable=False)),
        migrations.RunPython(keep_published_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="activity", name="service_at_location_id", field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
        ),
    ]
