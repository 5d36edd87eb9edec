"""Find a person. Search terms are names, NHS numbers and dates of birth, so they never go in the
URL (ASVS V14.2.1): the form posts them, and the results page refers to them by a random token."""

from __future__ import annotations

import secrets
from typing import Any

from django.db.models import QuerySet, Value
from django.db.models.functions import Concat
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import requires
from accounts.roles import Capability, can
from audit.services import Action, record_events_for_people
from core.pagination import CappedPaginator, pagination_params
from people.access import people_to_search
from people.forms import PersonSearchForm, parse_search
from people.models import Person

SEARCHES_KEY = "star_people_searches"
PAGE_SIZE = 20
KEPT_SEARCHES = 10
# Counted at most: "more than 100 people found" asks for a first name or a date of birth rather
# than counting every prefix match of a million people (and nobody reads page 6 of a search).
MOST_SHOWN = 100


def _results(user: Any, query: str) -> QuerySet[Person]:
    terms = parse_search(query)
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
    if terms["names"]:
        # The same order, by expressions no index holds: PostgreSQL then finds the matches through
        # the name-prefix indexes and sorts them. Ordered by the columns, it walked the name index
        # testing everyone until 20 matched (87,841 people read on `large` for a manager's "Bla…").
        return people.order_by(*[Concat(field, Value("")) for field in ("family_name", "given_name")], "id")
    return people.order_by("family_name", "given_name", "id")


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

    page = CappedPaginator(_results(request.user, query), PAGE_SIZE, most=MOST_SHOWN, count_in_any_order=True).get_page(
        request.GET.get("page")
    )
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
