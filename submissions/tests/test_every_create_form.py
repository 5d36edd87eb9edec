"""Every form that creates something saves once, however often and however fast it is sent
(issue 14). The registry is `create_forms.py`; a view that reads a POST and is declared nowhere
fails here, the way an undeclared URL fails the permission matrix."""

from __future__ import annotations

import inspect
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import World, sign_in
from submissions.tests.create_forms import CREATES, OTHER_POSTS, Replay, new_key


def _views(patterns: list[URLPattern | URLResolver] | None = None, namespace: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        else:
            yield f"{namespace}{pattern.name}", pattern.callback


def views_taking_a_post() -> set[str]:
    """Views whose code reads a POST (`request.POST`, `require_POST`, `posted(request)`, a check
    of `request.method == "POST"`)."""
    found = set()
    for name, view in _views():
        try:
            source = inspect.getsource(inspect.unwrap(view))
        except (OSError, TypeError):
            continue
        if re.search(r"POST|posted\(", source) or (getattr(view, "__wrapped__", None) and "POST" in repr(view)):
            found.add(name)
    return found


def test_every_view_that_takes_a_post_is_declared() -> None:
    undeclared = sorted(views_taking_a_post() - set(CREATES) - set(OTHER_POSTS))
    assert not undeclared, f"Declare these in submissions/tests/create_forms.py (CREATES or OTHER_POSTS): {undeclared}"


def test_no_declaration_is_stale_or_double() -> None:
    names = {name for name, _ in _views()}
    assert not sorted((set(CREATES) | set(OTHER_POSTS)) - names)
    assert not set(CREATES) & set(OTHER_POSTS)


def _send(client: Client, world: World, name: str, replay: Replay) -> tuple[str, dict[str, Any]]:
    kwargs, data = replay.setup(world)
    sign_in(client, getattr(world, replay.role))
    return reverse(name, kwargs=kwargs or None), data


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CREATES))
def test_each_create_form_carries_a_key(client: Client, world: World, name: str) -> None:
    replay = CREATES[name]
    url, _ = _send(client, world, name, replay)
    page = client.get(url).content.decode()
    assert f'name="{replay.key_field}"' in page, f"{url} renders no {replay.key_field}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CREATES))
def test_each_create_form_sent_five_times_saves_once(client: Client, world: World, name: str) -> None:
    replay = CREATES[name]
    url, data = _send(client, world, name, replay)
    model = replay.model_class()
    before = model._default_manager.count()
    data[replay.key_field] = new_key()
    responses = [client.post(url, data) for _ in range(5)]
    assert responses[0].status_code == 302, responses[0].content.decode()[-2000:]
    assert model._default_manager.count() == before + 1
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, responses[0]["Location"])}, "every repeat gets the same page"
    if replay.same_answers_make_a_second:
        data[replay.key_field] = new_key()  # a new form is a new record
        client.post(url, data)
        assert model._default_manager.count() == before + 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite writes one at a time; the race is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("name", sorted(CREATES))
def test_each_create_form_sent_at_the_same_moment_saves_once(world: World, name: str) -> None:
    replay = CREATES[name]
    clients = [Client() for _ in range(4)]
    url, data = _send(clients[0], world, name, replay)
    for other in clients[1:]:
        sign_in(other, getattr(world, replay.role))
    model = replay.model_class()
    before = model._default_manager.count()
    data[replay.key_field] = new_key()
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def send(client: Client) -> None:
        try:
            start.wait()
            statuses.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [302] * len(clients), statuses
    assert model._default_manager.count() == before + 1
