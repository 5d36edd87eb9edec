"""Hypothesis over every form: whatever is typed or left out, no page answers with a server error.

Every page in the permission matrix that some visitor may open is fetched as that visitor; each
form on it that posts back to the page is then sent values Hypothesis makes up: unicode and
control characters, very long text, impossible dates, negative and huge numbers, and missing
fields. A 4xx or a page with error messages is right; a 5xx or an exception fails the test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import World, sign_in
from star.tests.access_matrix import ANONYMOUS, OK
from star.tests.test_permission_matrix import EXPECTATIONS

# Examples per form. Small so the whole walk stays well under a minute; raise it locally with
# STAR_FORM_FUZZ_EXAMPLES=50 for a deeper run.
EXAMPLES = int(os.environ.get("STAR_FORM_FUZZ_EXAMPLES", "3"))
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


@dataclass
class Form:
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name → values offered on the page
    has_file: bool = False


class FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._current: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "form" and attributes.get("method", "get").lower() == "post":
            self._current = Form(action=attributes.get("action", ""))
            self.forms.append(self._current)
            return
        form = self._current
        if form is None:
            return
        name = attributes.get("name", "")
        if tag in {"input", "textarea", "select", "button"} and name and name not in SKIPPED_FIELDS:
            offered = form.fields.setdefault(name, [])
            if attributes.get("type") == "file":
                form.has_file = True
            if attributes.get("value"):
                offered.append(attributes["value"])
            if tag == "select":
                self._select = name
        elif tag == "option" and self._select and attributes.get("value"):
            form.fields[self._select].append(attributes["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


def forms_on(page: str, url: str) -> list[Form]:
    parser = FormParser()
    parser.feed(page)
    return [form for form in parser.forms if form.action in ("", url) and form.fields]


NASTY_TEXT = st.one_of(
    st.text(max_size=40),  # any unicode, control characters and NUL included
    st.integers(min_value=2_000, max_value=120_000).map(lambda n: "ẞ\u202e" * (n // 2)),  # huge
    st.sampled_from(["31/02/2024", "2024-13-45", "0/0/0", "99/99/99999", "29/02/2023", "1/1/1", "30/13/2025"]),
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
    st.sampled_from(["-1", "-0", "1e309", "NaN", "Infinity", "0x10", "١٢٣", " ", "", "<script>alert(1)</script>", "' OR 1=1 --"]),
)


def values_for(form: Form) -> st.SearchStrategy[dict[str, str | list[str]]]:
    per_field = {
        name: st.one_of(st.none(), NASTY_TEXT, st.sampled_from(offered) if offered else NASTY_TEXT) for name, offered in form.fields.items()
    }
    # Date inputs are three boxes (day, month, year): nasty values land in each independently.
    return st.fixed_dictionaries(per_field).map(lambda chosen: {k: v for k, v in chosen.items() if v is not None})


@contextmanager
def rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def form_pages() -> list[tuple[str, int, str]]:
    pages = []
    for name, cases in sorted(EXPECTATIONS.items()):
        for index, case in enumerate(cases):
            visitors = [visitor for visitor, outcome in case.outcomes.items() if outcome == OK]
            if visitors:
                # Anonymous first when a page is public: that is who the public forms face.
                pages.append((name, index, ANONYMOUS if ANONYMOUS in visitors else visitors[0]))
    return pages


def client_for(world: World, visitor: str) -> Client:
    client = Client()
    return client if visitor == ANONYMOUS else sign_in(client, world.user_for(visitor))


def post_nasty_values(world: World, visitor: str, url: str, form: Form) -> int:
    sent = 0
    client = client_for(world, visitor)

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(values=values_for(form))
    def post(values: dict[str, str | list[str]]) -> None:
        nonlocal sent
        nonlocal client
        with rolled_back():
            response = client.post(url, values)
        sent += 1
        if response.cookies:  # signed out or a new session: the rollback undid it, so start again
            client = client_for(world, visitor)
        assert response.status_code < 500, f"{visitor} POST {url} {sorted(values)}: {response.status_code}"

    post()
    return sent


@pytest.mark.django_db
def test_no_form_answers_nasty_input_with_a_server_error(world: World) -> None:
    # One test walking every page (not one test per page): the shared people are made once.
    pages, forms_fuzzed, posts = form_pages(), 0, 0
    for name, index, visitor in pages:
        with rolled_back():
            url = reverse(name, kwargs=EXPECTATIONS[name][index].kwargs(world) or None)
            page = client_for(world, visitor).get(url)
            assert page.status_code == 200, url
            if not page["Content-Type"].startswith("text/html"):
                continue  # downloads and API documents have no forms
            for form in forms_on(page.content.decode(), url):
                forms_fuzzed += 1
                posts += post_nasty_values(world, visitor, form.action or url, form)
    assert len(pages) > 150 and forms_fuzzed > 80 and posts >= forms_fuzzed, (len(pages), forms_fuzzed, posts)
