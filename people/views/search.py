"""Find a person. Search terms are names, NHS numbers and dates of birth, so they never go in the
URL (ASVS V14.2.1): the form posts them, and the results page refers to them by a random token."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import requires
from accounts.roles import Capability, can
from audit.services import Action, record_events_for_people
from core.pagination import CappedPaginator, pagination_params
from people.access import people_to_search
from people.forms import PersonSearchForm, parse_search
from people.models import Person
from people.name_order import by_name, page_by_name

SEARCHES_KEY = "star_people_searches"
PAGE_SIZE = 20
KEPT_SEARCHES = 10
# Counted at most: "more than 100 people found" asks for a first name or a date of birth rather
# than counting every prefix match of a million people (and nobody reads page 6 of a search).
MOST_SHOWN = 100


def _results(user: Any, terms: dict[str, Any]) -> QuerySet[Person]:
    people = people_to_search(user)
    if terms["nhs_number"]:
        return people.filter(nhs_number=terms["nhs_number"])
    if terms["names"]:
        # A worker's search starts from their people, fetched by id (people_to_search).
        people = people.matching(" ".join(terms["names"]), few_people=not can(user, Capability.SEE_EVERY_PERSON))
    if terms["date_of_birth"]:
        people = people.filter(date_of_birth=terms["date_of_birth"])
    if not terms["names"] and not terms["date_of_birth"]:
        return people.none()
    # In name order by expressions no index holds: PostgreSQL finds the matches through the name
    # prefix (or date of birth) indexes and sorts them. Through the name order index it walked
    # everyone testing each until 20 matched (87,841 people read on `large` for a manager's
    # "Bla…"). A manager's page by name reads that index its own way (_page_by_name).
    return by_name(people, indexed=False)


def _page_by_name(user: Any, terms: dict[str, Any]) -> Callable[[int, int], Sequence[Person]] | None:
    """For a search of everyone by name: a page read through the name order index, by the first
    word, with the other words and the date of birth as filters (people/name_order.py)."""
    if not terms["names"] or terms["nhs_number"] or not can(user, Capability.SEE_EVERY_PERSON):
        return None
    first, *others = terms["names"]
    people = people_to_search(user).matching(" ".join(others))
    if terms["date_of_birth"]:
        people = people.filter(date_of_birth=terms["date_of_birth"])
    return lambda start, stop: page_by_name(people, first, start, stop)


@requires(Capability.FIND_PEOPLE)
def person_search(request: HttpRequest) -> HttpResponse:
    searches: dict[str, str] = request.session.get(SEARCHES_KEY, {})
    if request.method == "POST":
        form = PersonSearchForm(request.POST)
        if form.is_valid():
            token = secrets.token_urlsafe(12)
            # Keep only the newest few searches in the session.
            kept = dict(list(searches.items())[-(KEPT_SEARCHES - 1) :])
            kept[token] = form.cleaned_data["query"]
            request.session[SEARCHES_KEY] = kept
            return redirect(f"{request.path}?search={token}")
        return render(request, "people/search.jinja", {"form": form})

    token = request.GET.get("search", "")
    query = searches.get(token)
    if query is None:
        return render(request, "people/search.jinja", {"form": PersonSearchForm(), "expired": bool(token)})

    terms = parse_search(query)
    results = _results(request.user, terms)
    paginator = CappedPaginator(results, PAGE_SIZE, most=MOST_SHOWN, count_in_any_order=True, fetch=_page_by_name(request.user, terms))
    page = paginator.get_page(request.GET.get("page"))
    shown = list(page.object_list)
    record_events_for_people(user=request.user, action=Action.SEARCH, person_ids=[p.pk for p in shown])
    return render(
        request,
        "people/search.jinja",
        {
            "form": PersonSearchForm(initial={"query": query}),
            "query": query,
            "page": page,
            "people": shown,
            "pagination": pagination_params(page, f"search={token}"),
            "can_break_glass": can(request.user, Capability.BREAK_GLASS),
        },
    )
