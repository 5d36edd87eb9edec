"""Receipts for personal-budget spending become documents (1 of 3): the spending gets a link to a
document. The data moves in 0003 and the old file field goes in 0004, each in its own migration so
that on PostgreSQL no table is altered in the transaction that wrote its rows (deferred foreign-key
checks would still be pending)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("choices", "0001_personal_budgets_and_work"),
        ("documents", "0003_receipt_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="spend",
            name="receipt_document",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="documents.document"
            ),
        ),
    ]
