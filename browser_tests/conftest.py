"""Browser journeys: Playwright driving Debian's Chromium against a live test server, with an axe
accessibility check on every page visited."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop; the ORM calls made by the tests are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("STAR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = Path(os.environ.get("STAR_SCREENSHOTS", "test-results/screenshots"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser_tests" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A small, cheap phone: 320 CSS pixels wide."""
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


_axe = Axe()


def assert_accessible(page: Page, name: str = "") -> None:
    """Zero axe violations against WCAG 2.2 A and AA, and a screenshot kept for people to look at."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    page.wait_for_load_state("load")
    try:
        results = _axe.run(page, options=options)
    except PlaywrightError as problem:
        # A click just before may still be loading the next page: axe then finds no document (or
        # its context is destroyed). Check the page that arrives, once it has loaded.
        if "documentElement" not in str(problem) and "context was destroyed" not in str(problem):
            raise
        page.wait_for_load_state("load")
        results = _axe.run(page, options=options)
    if name:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    assert results.violations_count == 0, results.generate_report()
