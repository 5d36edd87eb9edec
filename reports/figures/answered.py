"""The 1-to-1 figures narrowed to the people who gave one answer to one of the service's own
questions (yes or no, or a list): for managers, who see figures unsuppressed. Commissioners are
not offered it: these figures are not published through core.disclosure / core.published."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from core.periods import Period
from enablement.models import Contact, Episode
from questions.models import Answer, Question
from referrals.models import Referral
from reports.figures.service import during, on_days, touching


@dataclass(frozen=True)
class AnswerFilter:
    question: Question
    answer: str

    @property
    def key(self) -> str:
        return f"{self.question.pk}:{self.answer}"

    @property
    def label(self) -> str:
        return f"‘{self.question.wording}’: {self.answer}"


def filters_offered() -> list[AnswerFilter]:
    """Every answer to every yes or no and list question (retired ones too: their answers are kept), one query."""
    questions = Question.objects.filter(answer_type__in=Question.COUNTABLE_TYPES).order_by("place", "order", "pk")
    return [AnswerFilter(question, answer) for question in questions for answer in question.choice_list()]


def chosen_filter(key: str) -> AnswerFilter | None:
    return next((offered for offered in filters_offered() if offered.key == key), None)


def people_who_answered(chosen: AnswerFilter) -> QuerySet[Answer, Any]:
    """The people who gave this answer, on any form (a list question's answers are one a line)."""
    answer = chosen.answer
    given = Q(value=answer) | Q(value__startswith=f"{answer}\n") | Q(value__endswith=f"\n{answer}") | Q(value__contains=f"\n{answer}\n")
    return Answer.objects.filter(given, question=chosen.question).values("person_id")


def one_to_one(period: Period, chosen: AnswerFilter) -> dict[str, int]:
    """Referrals, triage decisions, episodes and contacts of those people in the period (4 queries)."""
    people = people_who_answered(chosen)
    # Only rows that can count in the period (the FILTER clauses choose among them), not every
    # referral and episode those people ever had.
    referrals = Referral.objects.filter(during("received_at", period) | during("triaged_at", period), person_id__in=people).aggregate(
        received=Count("id", filter=during("received_at", period)),
        decided=Count("id", filter=during("triaged_at", period) & ~Q(decision="")),
    )
    overlapping = Q(started_on__lte=period.end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))
    episodes = Episode.objects.filter(touching(period), person_id__in=people).aggregate(
        people=Count("person", distinct=True, filter=overlapping), started=Count("id", filter=on_days("started_on", period))
    )
    contacts = Contact.objects.filter(on_days("contact_date", period), person_id__in=people).aggregate(
        contacts=Count("id", filter=Q(outcome=Contact.Outcome.ATTENDED)),
        minutes=Sum("minutes", filter=Q(outcome=Contact.Outcome.ATTENDED), default=0),
        dna=Count("id", filter=Q(outcome=Contact.Outcome.DID_NOT_ATTEND)),
    )
    return {
        "Referrals received": referrals["received"],
        "Triage decisions": referrals["decided"],
        "Episodes started": episodes["started"],
        "People supported 1-to-1": episodes["people"],
        "Contacts that took place": contacts["contacts"],
        "Hours of contact": round(contacts["minutes"] / 60, 1),
        "Contacts not attended": contacts["dna"],
    }


def table(periods: list[Period], chosen: AnswerFilter) -> list[tuple[str, list[str]]]:
    """Rows (figure, a value for each period) as the dashboard's tables have them."""
    figures = [one_to_one(period, chosen) for period in periods]
    return [(name, [f"{figure[name]:,}" for figure in figures]) for name in figures[0]]
