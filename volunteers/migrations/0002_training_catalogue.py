from django.db import migrations

# The starting catalogue (practice.md §7). Managers can change it later in the database.
CATALOGUE = [
    ("mental-health-awareness", "Mental health awareness", ["lead", "co_facilitator", "welcome", "other"], None),
    ("boundaries", "Boundaries in peer support", ["lead", "co_facilitator", "welcome"], None),
    ("safeguarding", "Safeguarding adults", ["lead", "co_facilitator", "welcome", "other"], 36),
    ("confidentiality", "Confidentiality and data protection", ["lead", "co_facilitator", "welcome", "other"], 24),
    ("wrap-facilitation", "WRAP facilitation", ["co_facilitator"], None),
    ("first-aid", "Emergency first aid", ["lead"], 36),
]


def add(apps, schema_editor):  # type: ignore[no-untyped-def]
    TrainingModule = apps.get_model("volunteers", "TrainingModule")
    for code, name, roles, months in CATALOGUE:
        TrainingModule.objects.get_or_create(code=code, defaults={"name": name, "required_for": roles, "valid_for_months": months})


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
