"""Personal budgets: the council's pathway with its history, the member's support plan and
spending with receipts, the alert when spending runs ahead of the plan, and who sees what."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pytest_django import DjangoAssertNumQueries

from audit.append_only import HistoryIsAppendOnly
from audit.models import AuditEvent
from choices import budget_services
from choices.models import BudgetStatus, BudgetStatusChange, PersonalBudget, PlanLine, Spend
from choices.models.budgets import BudgetError, IllegalMove
from choices.spending import pace
from choices.tests.factories import InPlaceBudgetFactory, PersonalBudgetFactory, PlanLineFactory, SpendFactory
from conftest import World, sign_in
from documents.clamd import Scanner
from documents.services import scan_held_documents
from documents.tests.fake_clamd import SIGNATURE, VIRUS_MARKER, fake_clamd
from documents.tests.samples import pdf_bytes

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _day(name: str, day: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _url(name: str, world: World, **kwargs: object) -> str:
    return reverse(f"choices:{name}", kwargs={"person_id": world.caseload_person.pk, **kwargs})


# The pathway


def test_a_worker_takes_a_person_through_the_councils_pathway(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    today = timezone.localdate()
    response = client.post(_url("budget_new", world), {**_day("conversation_on", today - datetime.timedelta(days=60)), "note": "Keen"})
    assert response.status_code == 302
    budget = PersonalBudget.objects.get(person=world.caseload_person)

    def move(status: str, days_ago: int) -> str:
        data = {"to_status": status, **_day("happened_on", today - datetime.timedelta(days=days_ago)), "note": ""}
        return client.post(_url("budget_move", world, budget_id=budget.pk), data, follow=True).content.decode()

    move(BudgetStatus.REFERRED, 50)
    move(BudgetStatus.ASSESSMENT, 40)
    page = move(BudgetStatus.AGREED, 30)
    assert "Record the agreed amount and how it is paid" in page
    details = {
        "council_reference": "PB-1234",
        "kind": "direct_payment",
        "agreed_amount": "3,650.00",
        **_day("starts_on", today - datetime.timedelta(days=20)),
        **_day("ends_on", today + datetime.timedelta(days=344)),
        **_day("review_on", today + datetime.timedelta(days=160)),
    }
    opened = client.get(_url("budget_council", world, budget_id=budget.pk)).content.decode()
    assert 'name="based_on"' in opened
    client.post(_url("budget_council", world, budget_id=budget.pk), details)
    move(BudgetStatus.AGREED, 30)
    move(BudgetStatus.IN_PLACE, 20)
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.IN_PLACE
    assert budget.agreed_amount_pence == 365_000
    assert budget.referred_on == today - datetime.timedelta(days=50)
    assert budget.starts_on == today - datetime.timedelta(days=20)
    steps = list(BudgetStatusChange.objects.filter(budget=budget).order_by("happened_on", "id").values_list("from_status", "to_status"))
    assert steps == [
        ("", "conversation"),
        ("conversation", "referred"),
        ("referred", "assessment"),
        ("assessment", "agreed"),
        ("agreed", "in_place"),
    ]
    page = client.get(_url("budget", world)).content.decode()
    assert "Budget in place" in page and "£3,650.00" in page


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (BudgetStatus.CONVERSATION, BudgetStatus.IN_PLACE),
        (BudgetStatus.CONVERSATION, BudgetStatus.AGREED),
        (BudgetStatus.REFERRED, BudgetStatus.CONVERSATION),
        (BudgetStatus.IN_PLACE, BudgetStatus.REFERRED),
        (BudgetStatus.ENDED, BudgetStatus.IN_PLACE),
    ],
)
def test_an_illegal_move_is_refused_and_leaves_no_history(world: World, start: str, to: str) -> None:
    budget = PersonalBudgetFactory.create(person=world.caseload_person, status=start)
    with pytest.raises(IllegalMove):
        budget_services.move_budget(by=world.worker, budget=budget, to_status=to, happened_on=timezone.localdate())
    budget.refresh_from_db()
    assert budget.status == start
    assert not BudgetStatusChange.objects.filter(budget=budget).exists()


def test_every_status_in_the_pathway_table_is_a_real_status() -> None:
    statuses = set(BudgetStatus.values)
    transitions = PersonalBudget.status_machine.transitions
    assert set(transitions) - {""} == statuses - {BudgetStatus.ENDED}
    assert all(set(targets) <= statuses for targets in transitions.values())


def test_an_illegal_move_through_the_page_says_why(client: Client, world: World) -> None:
    budget = PersonalBudgetFactory.create(person=world.caseload_person)
    sign_in(client, world.worker)
    data = {"to_status": BudgetStatus.IN_PLACE, **_day("happened_on", timezone.localdate())}
    page = client.post(_url("budget_move", world, budget_id=budget.pk), data).content.decode()
    assert "Select a valid choice" in page or "cannot move to" in page
    budget.refresh_from_db()
    assert budget.status == BudgetStatus.CONVERSATION


def test_the_status_history_cannot_be_changed(world: World) -> None:
    budget = budget_services.open_budget(by=world.worker, person=world.caseload_person, conversation_on=timezone.localdate())
    change = BudgetStatusChange.objects.get(budget=budget)
    change.note = "rewritten"
    with pytest.raises(HistoryIsAppendOnly):
        change.save()
    with pytest.raises(HistoryIsAppendOnly):
        BudgetStatusChange.objects.filter(budget=budget).delete()


def test_a_second_budget_cannot_start_while_one_is_under_way(world: World) -> None:
    budget_services.open_budget(by=world.worker, person=world.caseload_person, conversation_on=timezone.localdate())
    with pytest.raises(BudgetError):
        budget_services.open_budget(by=world.worker, person=world.caseload_person, conversation_on=timezone.localdate())


# Gates


def test_the_stranger_gets_nothing(client: Client, world: World) -> None:
    budget = InPlaceBudgetFactory.create(person=world.stranger)
    spend = SpendFactory.create(budget=budget)
    sign_in(client, world.worker)
    for url in (
        reverse("choices:budget", kwargs={"person_id": world.stranger.pk}),
        reverse("choices:budget_plan", kwargs={"person_id": world.stranger.pk}),
        reverse("choices:receipt", kwargs={"person_id": world.stranger.pk, "spend_id": spend.pk}),
        reverse("choices:budget_move", kwargs={"person_id": world.stranger.pk, "budget_id": budget.pk}),
    ):
        assert client.get(url).status_code == 404, url
    # Nor through a person they can see: another person's budget is not theirs.
    assert client.get(_url("budget_move", world, budget_id=budget.pk)).status_code == 404


def test_a_member_sees_only_their_own_budget(client: Client, world: World) -> None:
    InPlaceBudgetFactory.create(person=world.member_person, plan_what_for="Swimming lessons and a bus pass")
    InPlaceBudgetFactory.create(person=world.stranger, plan_what_for="Someone else's plan")
    sign_in(client, world.member)
    page = client.get(reverse("choices:my_budget")).content.decode()
    assert "Swimming lessons and a bus pass" in page
    assert escape("Someone else's plan") not in page
    # Staff addresses are refused, whoever's they are.
    assert client.get(reverse("choices:budget", kwargs={"person_id": world.member_person.pk})).status_code == 403
    others = SpendFactory.create(budget=PersonalBudget.objects.get(person=world.stranger))
    assert client.get(reverse("choices:my_receipt", kwargs={"spend_id": others.pk})).status_code == 404


def test_reading_a_budget_is_audited(client: Client, world: World) -> None:
    budget = InPlaceBudgetFactory.create(person=world.caseload_person)
    sign_in(client, world.worker)
    client.get(_url("budget", world))
    assert AuditEvent.objects.filter(user=world.worker, person_id=world.caseload_person.pk, action="view").exists()
    assert budget.pk


# The member's own plan and spending


def test_a_member_writes_their_plan_costs_it_and_records_spending_with_a_receipt(client: Client, world: World) -> None:
    budget = InPlaceBudgetFactory.create(person=world.member_person, plan_what_for="", plan_how_it_helps="")
    sign_in(client, world.member)
    plan = {"what_for": "A gardening course and tools", "how_it_helps": "Being outside helps me", "who_manages": "My sister"}
    assert client.post(reverse("choices:my_budget_plan"), plan).status_code == 302
    line = {"category": "learning", "description": "Gardening course", "amount": "240"}
    assert client.post(reverse("choices:my_line_new"), line).status_code == 302
    created = PlanLine.objects.get(budget=budget)
    assert created.amount_pence == 24_000 and created.added_by == world.member
    receipt = SimpleUploadedFile("receipt.png", PNG, content_type="image/png")
    spend = {
        "line": str(created.pk),
        **_day("spent_on", timezone.localdate()),
        "amount": "60.00",
        "description": "First term",
        "receipt": receipt,
    }
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        assert client.post(reverse("choices:my_spend_new"), spend).status_code == 302
    saved = Spend.objects.select_related("receipt").get(budget=budget)
    assert saved.amount_pence == 6_000 and saved.category == "learning"
    document = saved.receipt
    assert document is not None and document.kind == "receipt" and document.person == world.member_person
    assert document.content_type == "image/png" and document.scan_status == "clean" and document.uploaded_by == world.member
    page = client.get(reverse("choices:my_budget")).content.decode()
    assert "A gardening course and tools" in page and "£60.00" in page
    served = client.get(reverse("choices:my_receipt", kwargs={"spend_id": saved.pk}))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert "no-store" in served["Cache-Control"] and served["Content-Disposition"].startswith("attachment")
    assert b"".join(served.streaming_content) == PNG  # type: ignore[attr-defined]
    budget.refresh_from_db()
    assert budget.plan_updated_by == world.member


def _spend_with_receipt(content: bytes) -> dict[str, object]:
    receipt = SimpleUploadedFile("receipt.pdf", content, content_type="application/pdf")
    return {
        "line": "none",
        "category": "travel",
        **_day("spent_on", timezone.localdate()),
        "amount": "5",
        "description": "Bus",
        "receipt": receipt,
    }


def test_without_a_scanner_a_receipt_is_held_never_served_then_opens_once_checked(client: Client, world: World) -> None:
    InPlaceBudgetFactory.create(person=world.member_person)
    sign_in(client, world.member)
    ticket = pdf_bytes("Bus ticket")
    response = client.post(reverse("choices:my_spend_new"), _spend_with_receipt(ticket), follow=True)
    assert "held until it has been checked for viruses" in response.content.decode()
    spend = Spend.objects.select_related("receipt").get()
    assert spend.receipt is not None and spend.receipt.scan_status == "quarantined"
    url = reverse("choices:my_receipt", kwargs={"spend_id": spend.pk})
    held = client.get(url)
    assert held.status_code == 409 and held.content.count(b"%PDF") == 0
    assert "Receipt held until it is checked for viruses" in client.get(reverse("choices:my_budget")).content.decode()
    with fake_clamd() as server:
        run = scan_held_documents(scanner=Scanner(socket_path=server.path))
    assert run.clean == 1
    assert b"".join(client.get(url).streaming_content) == ticket  # type: ignore[attr-defined]


def test_an_infected_receipt_is_never_stored_and_the_member_is_told(client: Client, world: World) -> None:
    InPlaceBudgetFactory.create(person=world.member_person)
    sign_in(client, world.member)
    with fake_clamd() as server, override_settings(STAR_CLAMD_SOCKET=server.path):
        response = client.post(reverse("choices:my_spend_new"), _spend_with_receipt(pdf_bytes("Bus") + VIRUS_MARKER), follow=True)
    assert "The virus check found something harmful in the receipt" in response.content.decode()
    spend = Spend.objects.select_related("receipt").get()
    assert spend.receipt is not None and spend.receipt.scan_status == "infected" and not spend.receipt.file
    assert SIGNATURE in spend.receipt.scan_finding
    assert client.get(reverse("choices:my_receipt", kwargs={"spend_id": spend.pk})).status_code == 409


def test_a_receipt_that_is_not_a_photo_or_pdf_is_refused(client: Client, world: World) -> None:
    InPlaceBudgetFactory.create(person=world.member_person)
    sign_in(client, world.member)
    fake = SimpleUploadedFile("receipt.png", b"<html>not a picture</html>", content_type="image/png")
    data = {
        "line": "none",
        "category": "travel",
        **_day("spent_on", timezone.localdate()),
        "amount": "5",
        "description": "Bus",
        "receipt": fake,
    }
    page = client.post(reverse("choices:my_spend_new"), data).content.decode()
    assert "The receipt must be a photo (JPEG or PNG) or a PDF" in page
    assert not Spend.objects.exists()


def test_spending_cannot_be_recorded_before_the_budget_is_in_place(client: Client, world: World) -> None:
    PersonalBudgetFactory.create(person=world.member_person, status=BudgetStatus.REFERRED)
    sign_in(client, world.member)
    data = {"line": "none", "category": "travel", **_day("spent_on", timezone.localdate()), "amount": "5", "description": "Bus"}
    page = client.post(reverse("choices:my_spend_new"), data).content.decode()
    assert "once the budget is in place" in page
    assert not Spend.objects.exists()


def test_a_member_cannot_move_the_pathway_or_change_the_councils_details(client: Client, world: World) -> None:
    sign_in(client, world.member)
    budget = InPlaceBudgetFactory.create(person=world.member_person)
    kwargs = {"person_id": world.member_person.pk, "budget_id": budget.pk}
    assert client.get(reverse("choices:budget_move", kwargs=kwargs)).status_code == 403
    assert client.get(reverse("choices:budget_council", kwargs=kwargs)).status_code == 403


# Spending ahead of the plan, by the days gone


def test_pace_spreads_the_agreed_amount_evenly_over_the_days_of_the_period() -> None:
    start = datetime.date(2026, 4, 1)
    end = datetime.date(2027, 3, 31)  # 365 days
    on_day_one = pace(amount_pence=365_000, starts_on=start, ends_on=end, spent_pence=1_000, today=start)
    assert on_day_one is not None and on_day_one.expected_pence == 1_000 and not on_day_one.ahead
    day_100 = pace(amount_pence=365_000, starts_on=start, ends_on=end, spent_pence=100_001, today=start + datetime.timedelta(days=99))
    assert day_100 is not None
    assert (day_100.days_gone, day_100.days_in_period, day_100.expected_pence) == (100, 365, 100_000)
    assert day_100.ahead and day_100.ahead_by_pence == 1
    before = pace(amount_pence=365_000, starts_on=start, ends_on=end, spent_pence=1, today=start - datetime.timedelta(days=1))
    assert before is not None and before.expected_pence == 0 and before.ahead
    after = pace(amount_pence=365_000, starts_on=start, ends_on=end, spent_pence=365_000, today=end + datetime.timedelta(days=30))
    assert after is not None and after.expected_pence == 365_000 and not after.ahead
    assert pace(amount_pence=None, starts_on=start, ends_on=end, spent_pence=0, today=start) is None


def test_spending_ahead_of_the_plan_shows_on_the_person_and_on_today(client: Client, world: World) -> None:
    with time_machine.travel(datetime.datetime(2026, 7, 10, 10, 0, tzinfo=datetime.UTC), tick=False):
        budget = InPlaceBudgetFactory.create(
            person=world.caseload_person,
            agreed_amount_pence=365_000,
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
        )
        # 10 July is day 101 of 365: £1,010 expected; £1,200 spent.
        SpendFactory.create(budget=budget, amount_pence=120_000, spent_on=datetime.date(2026, 7, 1))
        sign_in(client, world.worker)
        person_page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
        assert "Spending is £190.00 ahead of the plan" in person_page
        home = client.get(reverse("home")).content.decode()
        assert "Personal budgets: spending ahead of the plan" in home
        assert escape(world.caseload_person.full_name) in home
        budget_page = client.get(_url("budget", world)).content.decode()
        assert "Spending is ahead of the plan" in budget_page


def test_spending_on_track_raises_no_alert(client: Client, world: World) -> None:
    with time_machine.travel(datetime.datetime(2026, 7, 10, 10, 0, tzinfo=datetime.UTC), tick=False):
        budget = InPlaceBudgetFactory.create(
            person=world.caseload_person,
            agreed_amount_pence=365_000,
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
        )
        SpendFactory.create(budget=budget, amount_pence=101_000, spent_on=datetime.date(2026, 7, 1))  # exactly as expected
        sign_in(client, world.worker)
        person_page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
        assert "ahead of the plan" not in person_page


# Pages cost the same however much is recorded


def test_the_budget_page_makes_a_bounded_number_of_queries(
    client: Client, world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    budget = InPlaceBudgetFactory.create(person=world.caseload_person)
    lines = [PlanLineFactory.create(budget=budget, description=f"Line {n}") for n in range(8)]
    for n in range(80):
        SpendFactory.create(budget=budget, line=lines[n % 8], amount_pence=100 + n)
    sign_in(client, world.worker)
    client.get(_url("budget", world))
    with django_assert_max_num_queries(30):
        response = client.get(_url("budget", world))
    assert response.status_code == 200
    sign_in(client, world.member)
    InPlaceBudgetFactory.create(person=world.member_person)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("choices:my_budget")).status_code == 200


def test_the_member_home_page_links_to_their_budget_and_work(client: Client, world: World) -> None:
    sign_in(client, world.member)
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("choices:my_budget") in page and reverse("choices:my_work") in page


def test_the_person_page_links_to_their_budget_and_work(client: Client, world: World) -> None:
    sign_in(client, world.worker)
    page = client.get(reverse("people:detail", kwargs={"person_id": world.caseload_person.pk})).content.decode()
    assert _url("budget", world) in page and _url("work", world) in page


def test_a_review_sets_the_next_review_date(world: World) -> None:
    budget = InPlaceBudgetFactory.create(person=world.caseload_person)
    today = timezone.localdate()
    budget_services.record_budget_review(
        by=world.worker,
        budget=budget,
        reviewed_on=today,
        what_is_working="Classes",
        what_to_change="",
        next_review_on=today + datetime.timedelta(days=90),
    )
    budget.refresh_from_db()
    assert budget.review_on == today + datetime.timedelta(days=90)


def test_the_plan_of_an_ended_budget_cannot_change(client: Client, world: World) -> None:
    budget = InPlaceBudgetFactory.create(person=world.member_person, status=BudgetStatus.ENDED)
    line = PlanLineFactory.create(budget=budget)
    sign_in(client, world.member)
    client.post(reverse("choices:my_line_remove", kwargs={"line_id": line.pk}))
    line.refresh_from_db()
    assert line.removed_at is None
    page = client.post(reverse("choices:my_line_new"), {"category": "travel", "description": "Taxi", "amount": "10"}).content.decode()
    assert "This budget has ended" in page
