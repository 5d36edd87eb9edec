"""The service's own questions (issue 18): a manager adds "How did you hear about us?" through the
pages; a person on a 375px phone sees it on the public self-referral form, is told to answer it,
answers, and the answer is saved with their referral."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from browser_tests.conftest import assert_accessible
from browser_tests.helpers import fill_date, sign_in_through_pages
from enablement.tests.factories import EpisodeFactory
from people.tests.factories import CaseloadEntryFactory, PersonFactory
from questions.models import Answer, Question
from questions.tests.factories import QuestionFactory


@pytest.fixture
def small_phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_manager_adds_a_question_and_the_public_form_asks_it(
    live_server: LiveServer, page: Page, small_phone: Page, settings: Settings
) -> None:
    settings.STAR_SELF_REFERRAL_MIN_SECONDS = 0
    base = live_server.url
    sign_in_through_pages(page, base, UserFactory.create(role=Role.MANAGER, username="eileen"))
    page.get_by_role("link", name="The service's own questions").first.click()
    expect(page.get_by_role("heading", level=1, name="The service's own questions")).to_be_visible()
    page.get_by_role("link", name="Add a question").click()
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("Enter the question").first).to_be_visible()
    assert_accessible(page, "question-new-errors")
    page.get_by_label("The self-referral form (the public)").check()
    page.get_by_label("Question", exact=True).fill("How did you hear about us?")
    page.get_by_label("One choice from a list").check()
    page.get_by_label("Answers to choose from").fill("From my GP\nFrom a friend\nOnline")
    page.get_by_label("An answer is needed").check()
    page.get_by_role("button", name="Save question").click()
    expect(page.get_by_text("‘How did you hear about us?’ has been added")).to_be_visible()
    assert_accessible(page, "questions-list")

    phone = small_phone
    phone.goto(f"{base}/refer-yourself/")
    expect(phone.get_by_role("group", name="How did you hear about us?")).to_be_visible()
    assert_accessible(phone, "self-referral-with-question-375")
    phone.get_by_label("First name").fill("Grace")
    phone.get_by_label("Last name").fill("Hopper")
    phone.get_by_label("Day").fill("9")
    phone.get_by_label("Month").fill("12")
    phone.get_by_label("Year").fill("1986")
    phone.get_by_label("Phone number (optional)").fill("07700 900123")
    phone.get_by_label("What would you like help with?").fill("I want to get out more")
    phone.get_by_label("I agree to the service keeping these details", exact=False).check()
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("link", name="Choose an answer to ‘How did you hear about us?’")).to_be_visible()
    assert_accessible(phone, "self-referral-question-error-375")
    phone.get_by_label("From a friend").check()
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("heading", level=1, name="We have your request for support")).to_be_visible()
    answer = Answer.objects.get()
    assert answer.value == "From a friend" and answer.wording_asked == "How did you hear about us?"


@pytest.mark.django_db(transaction=True)
def test_a_worker_answers_the_contact_forms_question_on_a_phone(live_server: LiveServer, small_phone: Page) -> None:
    """A question asked on the contact form: the worker must answer it, and the answer shows with the contact."""
    base = live_server.url
    worker = UserFactory.create(role=Role.STR_WORKER, username="sam")
    person = PersonFactory.create(given_name="Grace", family_name="Hopper")
    CaseloadEntryFactory.create(person=person, worker=worker)
    episode = EpisodeFactory.create(person=person, worker=worker, started_on=timezone.localdate() - datetime.timedelta(weeks=3))
    QuestionFactory.create(
        place=Question.Place.CONTACT, wording="Did they leave the house?", answer_type="yes_no", choices="", required=True
    )
    phone = small_phone
    sign_in_through_pages(phone, base, worker)
    phone.goto(f"{base}/enablement/episodes/{episode.pk}/")
    phone.get_by_role("link", name="Record a contact").click()
    # Yesterday's contact, so a morning time is in the past at any hour the suite runs.
    fill_date(phone, "Date of the contact", timezone.localdate() - datetime.timedelta(days=1))
    phone.get_by_label("Start time").fill("10:30")
    phone.get_by_label("Phone", exact=True).check()
    phone.get_by_label("What did you do together?").fill("Talked about the walking group")
    phone.get_by_role("button", name="Save the contact").click()
    expect(phone.get_by_role("link", name="Choose an answer to ‘Did they leave the house?’")).to_be_visible()
    assert_accessible(phone, "contact-question-error-375")
    phone.get_by_label("Yes", exact=True).check()
    phone.get_by_role("button", name="Save the contact").click()
    expect(phone.get_by_text("Contact recorded")).to_be_visible()
    expect(phone.get_by_text("Did they leave the house? Yes")).to_be_visible()
    assert_accessible(phone, "episode-with-contact-answer-375")
    assert Answer.objects.get().contact is not None
