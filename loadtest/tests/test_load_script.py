"""The load test's own parts: reading forms and links from a page, and failing the run on any error."""

from __future__ import annotations

import pytest

from loadtest.pages import links, post_form
from loadtest.verdict import run_failed

PAGE = """
<form class="nhsuk-header__account-form" method="post" action="/sign-out/"><input type="hidden" name="csrfmiddlewaretoken" value="a"></form>
<form method="get" role="search"><input type="search" name="q"></form>
<form method="post" action="/community/registers/4/people/5c812913-381c-467e-9a83-913ca754a394/">
  <input type="hidden" name="csrfmiddlewaretoken" value="b"><input type="hidden" name="present" value="yes"></form>
<form method="post" novalidate><input
   type="hidden" name="submission_key" value="k"><input type="text" name="minutes" value="60"></form>
<a href="/enablement/episodes/10/">one</a> <a href="/enablement/episodes/10/">again</a> <a href="/enablement/episodes/12/">two</a>
"""


def test_the_first_post_form_is_found_by_its_action_never_sign_out() -> None:
    register = post_form(PAGE, "/people/")
    assert register.action.endswith("/5c812913-381c-467e-9a83-913ca754a394/")
    assert register.hidden == {"csrfmiddlewaretoken": "b", "present": "yes"}
    own = [form for form in [post_form(PAGE)] if form.action != "/sign-out/"]
    assert own, "signing out is never the form a journey fills in"


def test_hidden_fields_only_not_what_the_person_types() -> None:
    from loadtest.pages import forms

    contact = forms(PAGE)[-1]
    assert contact.action == "" and contact.hidden == {"submission_key": "k"}


def test_a_page_without_the_form_says_so() -> None:
    with pytest.raises(LookupError):
        post_form("<p>We can’t reach our records right now</p>")


def test_links_in_page_order_without_repeats() -> None:
    assert links(PAGE, r"/enablement/episodes/\d+/") == ["/enablement/episodes/10/", "/enablement/episodes/12/"]


@pytest.mark.parametrize(("failures", "errors", "failed"), [(0, 0, False), (1, 0, True), (0, 1, True)])
def test_the_run_fails_on_any_failed_request_or_journey_error(failures: int, errors: int, failed: bool) -> None:
    assert run_failed(failed_requests=failures, journey_errors=errors) is failed
