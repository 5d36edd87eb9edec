"""Reading STaR's pages the way a browser would: the forms on a page, their hidden fields, and the
links to follow. Used by the load test and the failure tests (no browser, no JavaScript)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

DEMO_PASSWORD = "recovery-star-demo"  # noqa: S105  (the synthetic demo accounts; see demo/accounts.py)  # nosec B105: the synthetic demo accounts' published password


@dataclass
class Form:
    action: str
    method: str
    hidden: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._current: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._current = Form(action=values.get("action", ""), method=values.get("method", "get").lower())
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None and values.get("type") == "hidden" and "name" in values:
            self._current.hidden[values["name"]] = values.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def post_form(html: str, action_contains: str = "") -> Form:
    """The first POST form (other than signing out) whose action contains the text given; an
    empty action means the page's own address."""
    for form in forms(html):
        if form.method == "post" and "sign-out" not in form.action and action_contains in form.action:
            return form
    raise LookupError(f"no POST form with {action_contains!r} on the page")


def links(html: str, pattern: str) -> list[str]:
    """Addresses on the page matching a regular expression, in page order, without repeats."""
    found = re.findall(rf'href="({pattern})"', html)
    return list(dict.fromkeys(found))
