"""The gates for outcome measures. A measurement is reached only through a person the user can
see (people.access), and members reach only their own. Anything else is a 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts.roles import Capability, can
from audit.services import Action, record_event
from outcomes.models import Measurement
from people.access import people_visible_to, person_scope
from people.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

    Viewer = User | AnonymousUser


def measurements_for(user: Viewer, person: Person) -> QuerySet[Measurement]:
    """A visible person's measurements, with their instrument."""
    return Measurement.objects.filter(person__in=person_scope(user, person), person=person).select_related("instrument")


def get_measurement_for(request: HttpRequest, person: Person, measurement_id: int, *, audit: bool = True) -> Measurement:
    measurement = measurements_for(request.user, person).filter(pk=measurement_id).first()
    if measurement is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=person.pk, obj=measurement)
    return measurement


def own_measurements(user: Viewer) -> QuerySet[Measurement]:
    """A member's own measurements; nobody else's, whatever their role."""
    if not can(user, Capability.COMPLETE_OWN_MEASURES):
        return Measurement.objects.none()
    return Measurement.objects.filter(person__user=user, person__in=people_visible_to(user)).select_related("instrument", "person")


def get_own_measurement(request: HttpRequest, measurement_id: int, *, audit: bool = True) -> Measurement:
    measurement = own_measurements(request.user).filter(pk=measurement_id).first()
    if measurement is None:
        raise Http404
    if audit:
        record_event(user=request.user, action=Action.VIEW, person_id=measurement.person_id, obj=measurement)
    return measurement
