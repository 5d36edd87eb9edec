"""No page scrolls sideways on a 375-pixel phone (WCAG 2.2 1.4.10 Reflow), with the demo's data in it.

Every page that needs nothing in its address, opened by each demo sign-in that may open it: a wide
table either stacks (the NHS responsive table) or scrolls inside its own focusable region, never
the whole page. Found by looking at the costs, the hub's resources and figures and the involvement
figures on a phone, which scrolled sideways by up to 89 pixels once they had rows in them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from accounts.models import User
from accounts.tests.factories import TEST_PASSWORD
from browser_tests.helpers import sign_in_through_pages

ROLES = ("manager", "admin", "worker", "lead", "volunteer", "commissioner", "member")
# Not pages to look at: signing out, sign-in links and passkey steps, machine endpoints, the
# stand-in for GOV.UK Notify, and files.
SKIPPED = ("sign-out", "sign-in", "sign-in-link", "passkey", "stay-signed-in", "/api/", "/openreferral/", "/dev/", "/v2/", "callback")
FILES = (".pdf", ".csv", ".xlsx", ".ics", ".json", ".js", ".webmanifest")


def pages_without_arguments() -> list[str]:
    found: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif "<" not in route and "^" not in route and not route.endswith(FILES):
                found.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted({path for path in found if not any(skip in path for skip in SKIPPED)})


@pytest.mark.django_db(transaction=True)
def test_no_page_scrolls_sideways_on_a_375px_phone(live_server: LiveServer, browser: Browser) -> None:
    call_command("seed_demo", "--size", "small", "--seed", "1", verbosity=0)
    paths = pages_without_arguments()
    assert "/reports/costs/" in paths and "/hub/manage/" in paths
    wide: list[str] = []
    looked = 0
    for username in ROLES:
        user = User.objects.get(username=username)
        user.set_password(TEST_PASSWORD)
        user.save(update_fields=["password"])
        context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
        page = context.new_page()
        sign_in_through_pages(page, live_server.url, user)
        for path in paths:
            # Only the pages this sign-in may open (a quick request first; refusals are short pages).
            answer = page.request.get(live_server.url + path, max_redirects=0)
            if answer.status != 200 or "text/html" not in answer.headers.get("content-type", ""):
                continue
            page.goto(live_server.url + path)
            looked += 1
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide.append(f"{path} as {username}: {overflow}px")
        context.close()
    assert looked > 60  # the roles between them opened most pages
    assert not wide, "pages that scroll sideways at 375px: " + "; ".join(wide)
