from django.db import migrations

THEMES = [
    "Getting support from STR workers",
    "Drop-ins and groups",
    "Places and venues",
    "Volunteering",
    "Information and communication",
    "Languages and interpreters",
    "Staff and volunteers' attitude",
    "Other",
]


def add_themes(apps, schema_editor):
    FeedbackTheme = apps.get_model("involvement", "FeedbackTheme")
    for position, name in enumerate(THEMES):
        FeedbackTheme.objects.get_or_create(name=name, defaults={"position": position})


def remove_themes(apps, schema_editor):
    FeedbackTheme = apps.get_model("involvement", "FeedbackTheme")
    FeedbackTheme.objects.filter(name__in=THEMES, feedback__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("involvement", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_themes)]
