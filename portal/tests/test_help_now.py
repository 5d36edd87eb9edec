"""Crisis help in every member's pocket: "If you need help now" on every member page, and the
crisis plan on one page with warning signs, what helps, who to call (tap to call) and where to go."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from conftest import World, sign_in
from plans.documents import Kind
from plans.tests.factories import make_plan
from portal.presenters import supporter

NATIONAL = ('href="tel:111"', 'href="tel:116123"', 'href="sms:85258?body=SHOUT"', 'href="tel:999"')


@pytest.fixture
def as_member(client: Client, world: World) -> Client:
    return sign_in(client, world.member)


@pytest.mark.parametrize(
    "name",
    ["home", "portal:home", "portal:profile", "portal:plan", "portal:access_log", "portal:consents", "outcomes:my_measures"],
)
@override_settings(STAR_SERVICE_PHONE="0121 496 0999", STAR_OUT_OF_HOURS_TEXT="Out of hours, ring the night line.")
def test_every_member_page_has_help_now_with_links_that_dial(as_member: Client, name: str) -> None:
    page = as_member.get(reverse(name)).content.decode()
    panel = page.split('id="help-now"')[1].split("</details>")[0]
    assert "If you need help now" in panel
    assert 'href="tel:01214960999"' in panel and "Out of hours, ring the night line." in panel
    for link in NATIONAL:
        assert link in panel, link


def test_staff_pages_do_not_carry_the_member_panel(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    assert 'id="help-now"' not in client.get(reverse("home")).content.decode()


def test_the_crisis_plan_is_on_one_page_with_tap_to_call(as_member: Client, world: World) -> None:
    make_plan(
        world.member_person,
        Kind.CRISIS,
        by=world.worker,
        supporters="Jo (sister) 07700 900123\nMy GP surgery",
        preferred_places="At home with Jo",
        preferred_treatments="Someone sitting with me",
    )
    make_plan(world.member_person, Kind.WRAP, by=world.worker, early_warning_signs="Not sleeping", crisis_help="Quiet, a walk")
    page = as_member.get(reverse("portal:document", kwargs={"kind": "crisis"})).content.decode()
    for heading in ("Warning signs", "What helps", "Who to call", "Where to go"):
        assert f"<h2>{heading}</h2>" in page
    assert "Not sleeping" in page and "Quiet, a walk" in page and "At home with Jo" in page
    assert '<a class="star-crisis-lines__link" href="tel:07700900123">Call Jo (sister)' in page
    for link in NATIONAL:
        assert link in page
    assert reverse("community:crisis") in page


def test_a_supporter_line_becomes_a_number_to_dial() -> None:
    assert supporter("Jo (sister) 07700 900123").href == "tel:07700900123"
    assert supporter("Jo (sister) 07700 900123").text == "Jo (sister)"
    assert supporter("+44 121 496 0000 Dad").href == "tel:+441214960000"
    assert supporter("My GP surgery").href == ""


@pytest.mark.parametrize("template", ["referrals/self_referral_sent.jinja", "referrals/self_referral_limit.jinja", "home/public.jinja"])
def test_every_call_us_gives_the_number(rf: RequestFactory, db: None, template: str) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    with override_settings(STAR_SERVICE_PHONE="0121 496 0777"):
        page = render_to_string(template, {"reference": "SR-1", "working_days": 5}, request=request)
    assert '<a class="star-nowrap" href="tel:01214960777">0121 496 0777</a>' in page
