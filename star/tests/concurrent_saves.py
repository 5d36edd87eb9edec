"""Run by `test_sqlite_concurrency.py` in a fresh interpreter: 20 signed-in workers send a contact
at the same moment, each thread through the whole middleware stack with its own connection to a
file-based SQLite database (the embedded default), while an import writes batches; the answers are
printed as JSON.

Usage: DJANGO_SETTINGS_MODULE=star.settings.test DATABASE_URL=sqlite:////tmp/x.sqlite3 \
       python -m star.tests.concurrent_saves [people]"""

from __future__ import annotations

import json
import sys
import threading
import time
import traceback
from collections import Counter


def main(people: int) -> dict[str, object]:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # "testserver" allowed, emails kept in memory
    from django.core.management import call_command
    from django.db import connection, connections, transaction
    from django.test import Client

    from conftest import sign_in
    from enablement.models import Contact, Episode
    from enablement.tests.factories import EpisodeFactory
    from enablement.tests.test_contacts import contact_answers
    from people.models import Person
    from people.tests.factories import CaseloadEntryFactory, PersonFactory

    call_command("migrate", verbosity=0)
    journal_mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
    episodes: list[Episode] = [EpisodeFactory.create() for _ in range(people)]
    for episode in episodes:
        CaseloadEntryFactory.create(person=episode.person, worker=episode.worker)
    clients = [sign_in(Client(), episode.worker) for episode in episodes]
    connection.close()

    start = threading.Barrier(people + 1)
    statuses: list[int] = []
    errors: list[str] = []
    saving = threading.Event()
    batches: list[int] = []

    def import_batches() -> None:
        """What an import does meanwhile: transactions that read, then write a batch."""
        try:
            start.wait()
            while saving.is_set():
                with transaction.atomic():
                    Person.objects.count()
                    time.sleep(0.01)
                    for _ in range(5):
                        PersonFactory.create()
                batches.append(1)
                # Between batches an import reads and checks the next one. (A loop that took the
                # write lock again the instant it let go would starve everyone else: SQLite's
                # busy handler is not a queue.)
                time.sleep(0.02)
        except Exception as error:
            errors.append(f"import: {type(error).__name__}: {error}")
        finally:
            connections.close_all()

    def save(client: Client, episode_id: int) -> None:
        try:
            start.wait()
            response = client.post(f"/enablement/episodes/{episode_id}/contacts/new/", contact_answers())
            statuses.append(response.status_code)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}\n{traceback.format_exc()[-2000:]}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(client, episode.pk)) for client, episode in zip(clients, episodes, strict=True)]
    importer = threading.Thread(target=import_batches)
    saving.set()
    started = time.monotonic()
    importer.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = round(time.monotonic() - started, 2)
    saving.clear()
    importer.join()
    return {
        "journal_mode": journal_mode,
        "statuses": dict(Counter(statuses)),
        "errors": errors,
        "contacts": Contact.objects.count(),
        "seconds": seconds,
        "import_batches": len(batches),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)))
