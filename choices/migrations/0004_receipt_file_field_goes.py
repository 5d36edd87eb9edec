"""Receipts for personal-budget spending become documents (3 of 3): the old file field goes and
the link to the document takes its name."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("choices", "0003_receipts_are_documents")]

    operations = [
        migrations.RemoveField(model_name="spend", name="receipt"),
        migrations.RemoveField(model_name="spend", name="receipt_content_type"),
        migrations.RenameField(model_name="spend", old_name="receipt_document", new_name="receipt"),
    ]
