"""When the database cannot be reached, every page answers with a plain-English 503 and
Retry-After, never a 500 or a traceback; when it is back, pages work again without a restart."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from conftest import World, sign_in

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(only: str = "", error: type[Exception] = OperationalError) -> Iterator[None]:
    """Every query (or every query mentioning `only`) fails as it does when PostgreSQL is stopped."""

    def fail(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if only in sql:
            raise error("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield


def _assert_friendly(response: Any) -> None:
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "We can’t reach our records right now" in page
    assert "Nothing you typed has been saved unless you saw a message saying it was" in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_a_public_page_says_so_in_plain_english() -> None:
    client = Client(raise_request_exception=False)
    with database_down():
        _assert_friendly(client.get("/openreferral/services"))
    assert client.get("/openreferral/services").status_code == 200, "works again as soon as the database answers"


def test_a_signed_in_page_fails_in_the_middleware_the_same_way(world: World) -> None:
    client = sign_in(Client(raise_request_exception=False), world.worker)
    with database_down():  # the session and the user are loaded before the view runs
        _assert_friendly(client.get("/enablement/caseload/"))
    assert client.get("/enablement/caseload/").status_code == 200


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_write_that_fails_in_the_view_is_a_503_and_is_logged_without_a_traceback(
    world: World, caplog: pytest.LogCaptureFixture, error: type[Exception]
) -> None:
    from enablement.models import Contact
    from enablement.tests.factories import EpisodeFactory
    from enablement.tests.test_contacts import contact_answers

    episode = EpisodeFactory.create(person=world.caseload_person, worker=world.worker)
    client = sign_in(Client(raise_request_exception=False), world.worker)
    with caplog.at_level(logging.WARNING), database_down(only='INSERT INTO "enablement_contact"', error=error):
        response = client.post(f"/enablement/episodes/{episode.pk}/contacts/new/", contact_answers())
    _assert_friendly(response)
    assert not Contact.objects.exists()
    records = [r for r in caplog.records if r.name == "star.database"]
    assert len(records) == 1 and records[0].exc_info is None and error.__name__ in records[0].getMessage()
    assert not [r for r in caplog.records if r.name == "django.request"], "not logged a second time with a traceback"


def test_other_errors_are_still_a_500() -> None:
    from core.views import server_error

    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(None)  # type: ignore[arg-type]
    assert response.status_code == 500


def test_connections_are_checked_before_reuse() -> None:
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_a_session_that_cannot_be_saved_because_the_database_went_down_is_a_503_not_a_400(world: World, settings: Any) -> None:
    """Django turns a failed session save into SessionInterrupted (400); the cause was the outage."""
    # Sessions are saved only when they change (the idle timeout writes its time stamp now and
    # then): make this request save it, as a sign-in or a message would.
    settings.SESSION_SAVE_EVERY_REQUEST = True
    client = sign_in(Client(raise_request_exception=False), world.worker)
    with database_down(only='UPDATE "django_session"'):
        _assert_friendly(client.get("/enablement/caseload/"))
    assert client.get("/enablement/caseload/").status_code == 200


def test_a_real_bad_request_is_still_a_400() -> None:
    from django.core.exceptions import SuspiciousOperation

    from core.views import bad_request

    assert bad_request(None, SuspiciousOperation("forged")).status_code == 400  # type: ignore[arg-type]
