"""An install that already holds records gets one service and one team, and every existing
worker, volunteer, project lead, manager, person, referral, project and volunteer record is placed in them, so a
single-team install works exactly as before (docs/teams.md). A new, empty install gets none: its
first service and team are added on the administrator's "Services and teams" page or by seed_demo."""

from django.conf import settings
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TEAM_ROLES = ("str_worker", "volunteer", "project_lead")
SERVICE_ROLES = ("manager",)


def place_everything(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    User = apps.get_model("accounts", "User")
    Service = apps.get_model("accounts", "Service")
    Team = apps.get_model("accounts", "Team")
    Person = apps.get_model("people", "Person")
    Referral = apps.get_model("referrals", "Referral")
    Project = apps.get_model("community", "Project")
    Volunteer = apps.get_model("volunteers", "Volunteer")
    staff = User.objects.filter(role__in=TEAM_ROLES + SERVICE_ROLES)
    if not (staff.exists() or Person.objects.exists() or Project.objects.exists() or Volunteer.objects.exists()):
        return
    service = Service.objects.create(name=getattr(settings, "STAR_SERVICE_NAME", "STaR") or "STaR")
    team = Team.objects.create(service=service, name="STR team")
    User.objects.filter(role__in=TEAM_ROLES).update(service=service, team=team)
    User.objects.filter(role__in=SERVICE_ROLES).update(service=service)
    Person.objects.update(service=service)
    Referral.objects.update(service=service)
    Project.objects.update(team=team)
    Volunteer.objects.update(service=service)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_services_and_teams"),
        ("people", "0008_person_service"),
        ("referrals", "0005_referral_service_referral_team"),
        ("community", "0006_project_team"),
        ("volunteers", "0005_volunteer_service"),
    ]

    operations = [migrations.RunPython(place_everything, migrations.RunPython.noop)]
