"""Search in notes. The words may name a person or their health, so they never go in the URL or
a server log: the form posts them, they are kept in the session, and the results page is named
by a random token (as the person search does)."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import requires
from accounts.roles import Capability
from casesearch.forms import NoteSearchForm
from casesearch.search import audit_search, found_entries, hits, passages_for
from core.pagination import CappedPaginator, pagination_params

SEARCHES_KEY = "star_note_searches"
KEPT_SEARCHES = 10
PAGE_SIZE = 20
# Counted at most: a search that finds hundreds asks for another word instead of counting them all.
MOST_SHOWN = 200


def found_text(count: int, *, more: bool) -> str:
    if more:
        return f"More than {MOST_SHOWN} notes found"
    return f"{count} {'note' if count == 1 else 'notes'} found"


@requires(Capability.SEARCH_NOTES)
def note_search(request: HttpRequest) -> HttpResponse:
    searches: dict[str, str] = request.session.get(SEARCHES_KEY, {})
    if request.method == "POST":
        form = NoteSearchForm(request.POST)
        if form.is_valid():
            token = secrets.token_urlsafe(12)
            kept = dict(list(searches.items())[-(KEPT_SEARCHES - 1) :])
            kept[token] = form.cleaned_data["terms"]
            request.session[SEARCHES_KEY] = kept
            return redirect(f"{request.path}?search={token}")
        return render(request, "casesearch/search.jinja", {"form": form})

    token = request.GET.get("search", "")
    terms = searches.get(token)
    if terms is None:
        return render(request, "casesearch/search.jinja", {"form": NoteSearchForm(), "expired": bool(token)})

    entries = found_entries(request.user, terms)
    paginator = CappedPaginator(entries, PAGE_SIZE, most=MOST_SHOWN)
    page = paginator.get_page(request.GET.get("page"))
    keys = list(entries.values_list("pk", flat=True)[page.start_index() - 1 : page.end_index()]) if paginator.count else []
    rows = passages_for(entries, keys, terms)
    audit_search(
        request=request,
        terms=terms,
        found=paginator.count,
        more=paginator.more,
        person_ids=[row.person_id for row in rows],
        page=page.number,
    )
    return render(
        request,
        "casesearch/search.jinja",
        {
            "form": NoteSearchForm(initial={"terms": terms}),
            "searched": True,
            "found_text": found_text(paginator.count, more=paginator.more),
            "page": page,
            "hits": hits(rows),
            "pagination": pagination_params(page, f"search={token}"),
        },
    )
