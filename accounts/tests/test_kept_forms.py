"""Nothing typed is lost at a session end or a token failure (issue 14, item 3): what was sent is
kept for that user and page, filled in again when they return, and deleted then or after a day."""

from __future__ import annotations

import html
import json
import re
import time
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import KeptForm
from accounts.sessions import LAST_SEEN_AT
from conftest import World, sign_in
from enablement.models import Contact, Episode
from enablement.tests.factories import EpisodeFactory
from enablement.tests.test_contacts import contact_answers

NOTE = "Talked about the allotment group; Ada wants to try it next Tuesday"


@pytest.fixture
def episode(world: World) -> Episode:
    return EpisodeFactory.create(person=world.caseload_person, worker=world.worker)


def _path(episode: Episode) -> str:
    return f"/enablement/episodes/{episode.pk}/contacts/new/"


def _kept_values(page: str) -> dict[str, list[str]]:
    found = re.search(r'<script id="kept-form-values" type="application/json">(.*?)</script>', page, re.S)
    assert found, "the page carries the kept values"
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def _go_idle(client: Client) -> None:
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 31 * 60
    session.save()


def test_a_note_sent_after_the_idle_limit_is_given_back_after_signing_in_again(world: World, episode: Episode) -> None:
    client = sign_in(Client(), world.worker)
    _go_idle(client)
    response = client.post(_path(episode), contact_answers(what_was_done=NOTE, csrfmiddlewaretoken="x"))
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/?next=")
    assert not Contact.objects.exists()
    signed_out_page = client.get(response["Location"]).content.decode()
    assert "What you typed has been kept" in signed_out_page
    kept = KeptForm.objects.get()
    assert kept.user == world.worker and kept.path == _path(episode) and NOTE not in kept.data  # stored signed and compressed

    sign_in(client, world.worker)
    page = client.get(_path(episode)).content.decode()
    assert "We kept what you typed" in page
    values = _kept_values(page)
    assert values["what_was_done"] == [NOTE] and "csrfmiddlewaretoken" not in values
    assert not KeptForm.objects.exists(), "deleted once given back"
    assert "kept-form-values" not in client.get(_path(episode)).content.decode()


def test_a_csrf_failure_says_what_happened_and_gives_the_form_back(world: World, episode: Episode) -> None:
    client = sign_in(Client(enforce_csrf_checks=True), world.worker)
    client.get(_path(episode))  # the CSRF cookie
    response = client.post(_path(episode), contact_answers(what_was_done=NOTE, csrfmiddlewaretoken="out-of-date-" * 4))
    page = response.content.decode()
    assert response.status_code == 403
    assert "The page's security check was out of date" in page
    assert "what you typed has been kept for you" in page
    assert f'href="{_path(episode)}"' in page
    assert not Contact.objects.exists()
    assert _kept_values(client.get(_path(episode)).content.decode())["what_was_done"] == [NOTE]


def test_another_user_never_gets_what_someone_kept(world: World, episode: Episode) -> None:
    client = sign_in(Client(), world.worker)
    _go_idle(client)
    client.post(_path(episode), contact_answers(what_was_done=NOTE))
    other = sign_in(Client(), world.other_worker)
    page = other.get(_path(episode)).content.decode()
    assert NOTE not in page and "kept-form-values" not in page
    assert KeptForm.objects.filter(user=world.worker).exists(), "still there for its owner"


def test_kept_forms_older_than_a_day_are_deleted_unread(world: World, episode: Episode) -> None:
    client = sign_in(Client(), world.worker)
    _go_idle(client)
    client.post(_path(episode), contact_answers(what_was_done=NOTE))
    KeptForm.objects.update(kept_at=timezone.now() - timedelta(days=1, minutes=1))
    sign_in(client, world.worker)
    page = client.get(_path(episode)).content.decode()
    assert NOTE not in page and "kept-form-values" not in page
    assert not KeptForm.objects.exists()


def test_passwords_codes_and_tokens_are_never_kept(world: World) -> None:
    client = sign_in(Client(), world.worker)
    _go_idle(client)
    client.post(
        "/accounts/me/password/",
        {"current_password": "river otter pie 1", "new_password1": "x" * 20, "otp_token": "123456", "code": "654321", "postcode": "B1 1AA"},
    )
    kept = KeptForm.objects.get()
    from django.core import signing

    from accounts.kept_forms import SALT

    assert signing.loads(kept.data, salt=SALT) == {"postcode": ["B1 1AA"]}


def test_an_empty_or_anonymous_post_keeps_nothing(world: World, episode: Episode) -> None:
    client = sign_in(Client(), world.worker)
    _go_idle(client)
    client.post(_path(episode), {"csrfmiddlewaretoken": "x"})
    Client().post(_path(episode), contact_answers())
    assert not KeptForm.objects.exists()


def test_stay_signed_in_counts_as_activity(world: World) -> None:
    client = sign_in(Client(), world.worker)
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 25 * 60
    session.save()
    assert client.post("/accounts/me/stay-signed-in/").status_code == 204
    assert time.time() - client.session[LAST_SEEN_AT] < 5
    assert client.get("/accounts/me/stay-signed-in/").status_code == 405


def test_signed_in_pages_carry_the_idle_warning(world: World, settings: object) -> None:
    client = sign_in(Client(), world.worker)
    page = client.get("/accounts/me/").content.decode()
    assert 'id="session-warning"' in page and 'aria-labelledby="session-warning-title"' in page
    assert "Stay signed in" in page and 'data-full-seconds="1800"' in page
    assert 'id="session-warning"' not in Client().get("/sign-in/").content.decode()


def test_the_nightly_command_deletes_kept_forms_older_than_a_day(world: World) -> None:
    from django.core.management import call_command

    old = KeptForm.objects.create(user=world.worker, path="/a/", data="x")
    KeptForm.objects.filter(pk=old.pk).update(kept_at=timezone.now() - timedelta(days=2))
    KeptForm.objects.create(user=world.worker, path="/b/", data="x")
    call_command("forget_kept_forms")
    assert list(KeptForm.objects.values_list("path", flat=True)) == ["/b/"]


def test_pages_with_nothing_kept_cost_no_query_for_it(world: World, django_assert_num_queries: Any) -> None:
    client = sign_in(Client(), world.worker)
    client.get("/accounts/me/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/accounts/me/")
    assert not [q for q in queries.captured_queries if "accounts_keptform" in q["sql"]]


def _textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"the page has the {name} box"
    return html.unescape(found.group(1)).strip()


def test_the_form_comes_back_filled_in_without_javascript(world: World, episode: Episode) -> None:
    """The page itself, as the server sends it, holds what was typed: a browser with no
    JavaScript (or a screen reader's browse mode before scripts run) gets the form back filled in."""
    client = sign_in(Client(), world.worker)
    _go_idle(client)
    answers = contact_answers(what_was_done=NOTE)
    client.post(_path(episode), answers)
    sign_in(client, world.worker)
    response = client.get(_path(episode))
    page = response.content.decode()
    assert response.status_code == 200 and "We kept what you typed" in page
    assert _textarea(page, "what_was_done") == NOTE, "the note is in the page's own form, not only in a script"
    checked = re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"[^>]*checked', page)
    for name, value in answers.items():
        if isinstance(value, str) and re.search(rf'name="{name}"[^>]*type="radio"|type="radio"[^>]*name="{name}"', page):
            assert (name, value) in checked, f"{name} is chosen again"
    assert 'name="submission_key"' in page, "a fresh key: nothing was saved with the old one"
    assert not KeptForm.objects.exists(), "the kept copy is deleted once given back"
    assert not Contact.objects.exists(), "opening the page saves nothing"
    again = client.get(_path(episode)).content.decode()
    assert "We kept what you typed" not in again and NOTE not in again
    # Sent from the refilled page, it saves once.
    assert client.post(_path(episode), answers).status_code == 302
    assert Contact.objects.get().what_was_done == NOTE


def test_a_kept_edit_still_catches_a_change_saved_while_signed_out(world: World) -> None:
    """The refilled edit form keeps the version it was first opened with: what someone else saved
    while the person was signed out is shown as a conflict, not overwritten."""
    from django.urls import reverse

    from submissions.tests.test_edit_conflicts import _person_data, based_on, opened

    person = world.caseload_person
    url = reverse("people:edit", kwargs={"person_id": person.pk})
    client = sign_in(Client(), world.worker)
    token = opened(client, url)
    _go_idle(client)
    client.post(url, _person_data(person, email="ada@example.org", based_on=token))
    colleague = sign_in(Client(), world.manager)
    assert colleague.post(url, _person_data(person, phone="07700 900444", based_on=opened(colleague, url))).status_code == 302

    sign_in(client, world.worker)
    page = client.get(url).content.decode()
    assert "We kept what you typed" in page and 'value="ada@example.org"' in page
    assert based_on(page) == token, "based on the version first opened, not on the colleague's"
    sent = _person_data(person, email="ada@example.org", based_on=based_on(page))
    sent["phone"] = re.search(r'name="phone"[^>]*value="([^"]*)"', page).group(1)  # type: ignore[union-attr]
    response = client.post(url, sent)
    assert response.status_code == 200 and "Someone else saved changes while you were editing" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "07700 900444"


def test_no_view_could_save_a_kept_form_on_a_get() -> None:
    """`posted(request)` gives a GET the kept values, so a view that binds with it must save only
    when `request.method == "POST"` (or take only a POST)."""
    import inspect

    from submissions.tests.test_every_create_form import _views

    careless = []
    for name, view in _views():
        try:
            source = inspect.getsource(inspect.unwrap(view))
        except (OSError, TypeError):
            continue
        if "posted(request)" in source and ".is_valid()" in source and "request.method" not in source and "require_POST" not in source:
            careless.append(name)
    assert not careless, f"These views bind posted(request) but do not check for a POST before saving: {careless}"
