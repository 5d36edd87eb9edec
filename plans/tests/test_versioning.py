"""Every save keeps a version: who saved it, in which role, and which fields changed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from audit.models import AuditEvent
from conftest import World
from plans import services
from plans.documents import KINDS, Kind, changed_fields
from plans.models import PlanVersion, VersionsAreImmutable
from plans.tests.factories import make_plan

PROFILE = KINDS[Kind.PROFILE]


def test_each_save_adds_a_version_with_author_and_changed_fields(world: World) -> None:
    document = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    services.save_plan(
        by=world.manager,
        person=world.caseload_person,
        kind=PROFILE,
        document=document,
        content={"appreciations": "Kind and funny", "important_to_me": "My dog and my garden", "how_to_support_me": "Text before calling"},
    )
    versions = list(PlanVersion.objects.filter(document=document).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].saved_by == world.worker and versions[0].author_role == Role.STR_WORKER
    assert versions[1].saved_by == world.manager and versions[1].author_role == Role.MANAGER
    assert versions[1].changed_fields == ["important_to_me"]
    assert versions[0].content["important_to_me"] == "My dog, Biscuit"  # the old words are kept
    document.refresh_from_db()
    assert document.current_version == versions[1]
    assert AuditEvent.objects.filter(object_type="plans.planversion", person_id=world.caseload_person.pk).count() == 2


def test_saving_without_a_change_adds_no_version(world: World) -> None:
    document = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    assert document.current_version is not None
    content = dict(document.current_version.content)
    again = services.save_plan(by=world.worker, person=world.caseload_person, kind=PROFILE, document=document, content=content)
    assert again.number == 1
    assert PlanVersion.objects.filter(document=document).count() == 1


def test_a_second_start_of_a_single_document_adds_a_version_to_the_first(world: World) -> None:
    first = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    second = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker, appreciations="Brave")
    assert second.pk == first.pk
    assert second.current_version is not None
    assert second.current_version.number == 2


def test_two_goals_with_the_same_words_are_two_goals(world: World) -> None:
    """A double-submitted goal form is saved once by its submission key (submissions/tests), not
    by guessing from the words and a time window."""
    first = make_plan(world.caseload_person, Kind.GOAL, by=world.worker)
    assert make_plan(world.caseload_person, Kind.GOAL, by=world.worker).pk != first.pk


def test_a_member_can_be_the_author_of_a_version(world: World) -> None:
    document = make_plan(world.member_person, Kind.WRAP, by=world.member)
    assert document.current_version is not None
    assert document.current_version.author_role == Role.MEMBER


def test_saved_versions_cannot_be_changed(world: World) -> None:
    document = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker)
    version = document.current_version
    assert version is not None
    version.content = {"appreciations": "rewritten history"}
    with pytest.raises(VersionsAreImmutable):
        version.save()
    with pytest.raises(VersionsAreImmutable):
        PlanVersion.objects.filter(pk=version.pk).update(content={})


def test_a_document_cannot_be_saved_under_another_person(world: World) -> None:
    document = make_plan(world.stranger, Kind.PROFILE, by=world.manager)
    with pytest.raises(services.PlanError):
        services.save_plan(by=world.worker, person=world.caseload_person, kind=PROFILE, document=document, content={"appreciations": "x"})


texts = st.sampled_from(["", "Kind", "Funny", "Loves music", "Kind\nFunny"])
contents = st.fixed_dictionaries({f.name: texts for f in PROFILE.fields})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(saves=st.lists(contents, min_size=1, max_size=6))
@pytest.mark.django_db
def test_history_keeps_every_distinct_save_and_its_differences(saves: list[dict[str, str]]) -> None:
    """Property: the versions are exactly the saves that changed something, in order, and each
    version's changed fields are the differences from the one before."""
    from people.tests.factories import PersonFactory

    person = PersonFactory.create()
    author = UserFactory.create(role=Role.STR_WORKER)
    document = None
    expected: list[dict[str, str]] = []
    for content in saves:
        version = services.save_plan(by=author, person=person, kind=PROFILE, content=content, document=document)
        document = version.document
        if not expected or changed_fields(PROFILE, expected[-1], content):
            expected.append(content)
    versions = list(PlanVersion.objects.filter(document=document).order_by("number"))
    assert [v.content for v in versions] == expected
    previous: dict[str, str] = {}
    for version in versions:
        assert version.changed_fields == changed_fields(PROFILE, previous, version.content)
        previous = version.content
