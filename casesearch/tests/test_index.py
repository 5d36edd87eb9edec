"""The index follows the notes: written, changed, deleted, imported in bulk, rebuilt."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.db import connection

from casesearch import engine
from casesearch.index import index_objects, purge_person
from casesearch.models import SearchEntry
from casesearch.sources import MARK_START
from conftest import World
from enablement.models import Contact
from enablement.tests.factories import ContactFactory, EpisodeFactory


def found(terms: str) -> list[str]:
    return sorted(engine.matching(SearchEntry.objects.all(), terms).values_list("object_id", flat=True))


def test_a_new_note_is_found_a_changed_one_by_its_new_words_and_a_deleted_one_not_at_all(world: World) -> None:
    contact = ContactFactory.create(episode=EpisodeFactory.create(person=world.caseload_person), what_was_done="Went to the food bank")
    assert found("food bank") == [str(contact.pk)]
    contact.what_was_done = "Went to the library"
    contact.save()
    assert found("food bank") == []
    assert found("library") == [str(contact.pk)]
    contact.delete()
    assert found("library") == []
    assert not SearchEntry.objects.exists()


def test_an_empty_note_is_not_indexed(world: World) -> None:
    ContactFactory.create(
        episode=EpisodeFactory.create(person=world.caseload_person), what_was_done="  ", outcome=Contact.Outcome.DID_NOT_ATTEND
    )
    assert not SearchEntry.objects.exists()


def test_bulk_inserts_are_indexed_when_asked(world: World) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person)
    made = Contact.objects.bulk_create([ContactFactory.build(episode=episode, what_was_done=f"Food bank visit {n}") for n in range(3)])
    assert found("food") == []  # bulk inserts send no signals
    assert index_objects(Contact, [contact.pk for contact in made]) == 3
    assert len(found("food")) == 3


def test_the_rebuild_command_indexes_everything_again(world: World) -> None:
    episode = EpisodeFactory.create(person=world.caseload_person)
    Contact.objects.bulk_create([ContactFactory.build(episode=episode, what_was_done=f"Housing appeal step {n}") for n in range(5)])
    SearchEntry.objects.create(
        kind="contact", object_id="999999", person=world.caseload_person, written_on=episode.started_on, text="stale"
    )
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "contact: 5 entries" in out.getvalue()
    assert len(found("appeal")) == 5
    assert found("stale") == []


def test_the_highlighters_marks_cannot_come_from_a_note(world: World) -> None:
    contact = ContactFactory.create(episode=EpisodeFactory.create(person=world.caseload_person), what_was_done=f"A {MARK_START}fake mark")
    assert SearchEntry.objects.get(object_id=str(contact.pk)).text == "A fake mark"


def test_destroying_a_record_takes_its_entries(world: World) -> None:
    ContactFactory.create(episode=EpisodeFactory.create(person=world.caseload_person), what_was_done="Food bank")
    ContactFactory.create(episode=EpisodeFactory.create(person=world.stranger), what_was_done="Food bank")
    assert purge_person(sender=None, person=world.caseload_person) == {"casesearch.SearchEntry (search index)": 1}
    assert SearchEntry.objects.get().person_id == world.stranger.pk


def test_the_full_text_index_is_the_databases_own(world: World) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_document'")
            assert "gin (document)" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'casesearch_fts'")
            sql = cursor.fetchone()[0]
            assert "fts5" in sql and "porter" in sql


def test_the_fts5_query_quotes_every_word() -> None:
    assert engine.fts5_query('housing "food bank" -tuesday') == '("housing" AND "food bank") NOT "tuesday"'
    assert engine.fts5_query("NEAR( OR *") == '"NEAR" AND "OR"'
    assert engine.fts5_query('- ""') == ""


def test_a_new_version_of_a_plan_replaces_the_old_words(world: World) -> None:
    from plans import services
    from plans.documents import KINDS, Kind
    from plans.tests.factories import make_plan

    document = make_plan(world.caseload_person, Kind.PROFILE, by=world.worker, important_to_me="The allotment")
    assert found("allotment") == [str(document.pk)]
    services.save_plan(
        by=world.worker, person=world.caseload_person, kind=KINDS[Kind.PROFILE], document=document, content={"important_to_me": "My choir"}
    )
    assert found("allotment") == []
    assert found("choir") == [str(document.pk)]
