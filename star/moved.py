"""Addresses that moved when each app got its own prefix (see `star/urls.py`). The old address
keeps working for bookmarks: a permanent redirect to the new one, 301 for GET and HEAD, 308
for anything else (so a POST stays a POST with its body). One line per moved prefix; a route
may carry arguments, which are put into the new address as they came."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import URLResolver, include, path, re_path

# (name, old prefix, new prefix), both routes relative to the site root.
MOVED: list[tuple[str, str, str]] = [
    ("two_factor", "two-factor/", "accounts/two-factor/"),
    ("account", "account/", "accounts/me/"),
    ("users", "users/", "accounts/users/"),
    ("services_and_teams", "services-and-teams/", "accounts/services-and-teams/"),
    ("caseload", "caseload/", "enablement/caseload/"),
    ("overdue_reviews", "reviews/overdue/", "enablement/reviews/overdue/"),
    ("episodes", "episodes/", "enablement/episodes/"),
    ("resources_manage", "resources/manage/", "hub/manage/"),
    ("resources_feeds", "resources/feeds/", "hub/feeds/"),
    ("resources_figures", "resources/figures/", "hub/figures/"),
    ("person_signposting", "people/<uuid:person_id>/signposting/", "hub/people/<uuid:person_id>/signposting/"),
    ("drop_in_signposting", "registers/<int:session_id>/signposting/", "hub/registers/<int:session_id>/signposting/"),
    ("signposting", "signposting/", "hub/signposting/"),
]

_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


class HttpResponsePermanentRedirectKeepingMethod(HttpResponsePermanentRedirect):
    status_code = 308


def new_address(new: str, arguments: dict[str, object], rest: str) -> str:
    return "/" + _ARGUMENT.sub(lambda match: str(arguments[match.group(1)]), new) + rest


def _moved_to(new: str) -> Callable[..., HttpResponse]:
    def moved(request: HttpRequest, rest: str, **arguments: object) -> HttpResponse:
        address = new_address(new, arguments, rest)
        if request.META.get("QUERY_STRING"):
            address = f"{address}?{request.META['QUERY_STRING']}"
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(address)
        return HttpResponsePermanentRedirectKeepingMethod(address)

    return moved


def moved_urls() -> URLResolver:
    """One route per moved prefix, answering for the prefix and everything under it."""
    routes = [path(old, include([re_path(r"^(?P<rest>.*)$", _moved_to(new), name=name)])) for name, old, new in MOVED]
    return path("", include((routes, "moved")))
