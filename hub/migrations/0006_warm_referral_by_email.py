"""A warm referral by email when signposting (consent, what was agreed to be shared, the message),
and its message template (notifications.catalogue's "warm_referral") on databases made before it
was shipped."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from notifications.catalogue import shipped

CODE = "warm_referral"


def load(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    MessageTemplate.objects.get_or_create(code=CODE, defaults=shipped(CODE))


def unload(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("notifications", "MessageTemplate").objects.filter(code=CODE, messages__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0005_signposting_at_a_drop_in"),
        ("notifications", "0002_load_shipped_templates"),
    ]

    operations = [
        migrations.AddField(
            model_name="signposting",
            name="referral_consent",
            field=models.BooleanField(default=False, verbose_name="They agreed to a warm referral by email"),
        ),
        migrations.AddField(
            model_name="signposting",
            name="referral_message",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="notifications.message",
                verbose_name="Warm referral email",
            ),
        ),
        migrations.AddField(
            model_name="signposting",
            name="referral_shares",
            field=models.JSONField(blank=True, default=list, verbose_name="What they agreed to share"),
        ),
        migrations.RunPython(load, unload),
    ]
