"""An episode's page, and recording contacts, reviews and the move-on that ends it."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from core.status import show_refusal
from enablement import services
from enablement.access import contacts_in, get_episode_for, goals_for_review, minutes_given, move_on_for, reviews_in, step_down_attendance
from enablement.forms import ContactForm, GoalRatingsForm, MoveOnForm, ReviewForm
from enablement.models import Contact, Episode, Review
from enablement.models.episode import EpisodeClosed
from enablement.presenters import EpisodePresenter, hours_and_minutes
from enablement.prompts import measure_prompts
from people.attached_documents import attached_documents
from people.views.person import person_header_context
from questions.forms import AnswersForm
from questions.models import Question
from questions.presenters import answer_rows_by_contact
from questions.services import asked_at, record_answers
from submissions.services import ALREADY_SAVED, key_for_form, once

SHOWN_CONTACTS = 50
SHOWN_REVIEWS = 20
REFUSED = (EpisodeClosed, services.FutureContact, services.EndBeforeStart, ValueError)


def _closed(request: HttpRequest, episode: Episode) -> HttpResponse:
    messages.info(request, "This episode has ended, so nothing more can be added to it")
    return redirect("enablement:episode", episode_id=episode.pk)


@requires(Capability.RECORD_ENABLEMENT_WORK)
def episode_detail(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = get_episode_for(request, episode_id)
    return render(
        request,
        "enablement/episode.jinja",
        {
            **person_header_context(request, episode.person),
            "episode": episode,
            "episode_presenter": EpisodePresenter(episode, timezone.localdate()),
            "contacts": (contacts := list(contacts_in(episode)[:SHOWN_CONTACTS])),
            "contact_answers": answer_rows_by_contact(contact.pk for contact in contacts),
            "reviews": list(reviews_in(episode)[:SHOWN_REVIEWS]),
            "move_on": (move_on := move_on_for(episode)),
            "step_down": step_down_attendance(move_on) if move_on else None,
            "measure_prompts": measure_prompts(episode, moment="start") if episode.is_open else [],
            "time_given": hours_and_minutes(minutes_given(episode)),
            "attached": attached_documents(request.user, episode.person, episode),
        },
    )


@requires(Capability.RECORD_ENABLEMENT_WORK)
def contact_new(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = get_episode_for(request, episode_id, audit=request.method == "GET")
    if not episode.is_open:
        return _closed(request, episode)
    form = ContactForm(posted(request), initial={"contact_date": timezone.localdate(), "minutes": 60, "outcome": "attended"})
    answers_form = AnswersForm(posted(request), questions=asked_at(Question.Place.CONTACT))
    if request.method == "POST" and form.is_valid() & answers_form.is_valid():  # both, so every error shows at once
        contact = form.save(commit=False)
        try:
            saved = once(
                request,
                model=Contact,
                create=lambda: _record_with_answers(request, episode=episode, contact=contact, answers=answers_form),
            )
        except REFUSED as refused:
            show_refusal(request, refused, form, field="contact_date")
        else:
            messages.success(
                request, "Contact recorded" if saved.created else "This contact was already saved. It has not been saved twice"
            )
            return redirect("enablement:episode", episode_id=episode.pk)
    return render(
        request,
        "enablement/contact_form.jinja",
        {
            **person_header_context(request, episode.person),
            "form": form,
            "answers_form": answers_form,
            "episode": episode,
            "submission_key": key_for_form(request),
        },
    )


@transaction.atomic
def _record_with_answers(request: HttpRequest, *, episode: Episode, contact: Contact, answers: AnswersForm) -> Contact:
    """The contact and the answers to the service's own questions asked with it, in one transaction."""
    by = acting_user(request)
    saved = services.record_contact(by=by, episode=episode, contact=contact)
    record_answers(by=by, person=episode.person, contact=saved, form=answers)
    return saved


@requires(Capability.RECORD_ENABLEMENT_WORK)
def review_new(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = get_episode_for(request, episode_id, audit=request.method == "GET")
    if not episode.is_open:
        return _closed(request, episode)
    form = ReviewForm(posted(request), initial={"held_on": timezone.localdate()})
    goals = goals_for_review(request.user, episode.person)
    goal_ratings = GoalRatingsForm(posted(request), goals=goals)
    if request.method == "POST" and form.is_valid() and goal_ratings.is_valid():
        try:
            saved_review = once(
                request,
                model=Review,
                create=lambda: services.record_review(
                    by=acting_user(request),
                    episode=episode,
                    review=form.save(commit=False),
                    goal_ratings=goal_ratings.ratings(),
                ),
            )
        except REFUSED as refused:
            show_refusal(request, refused, form, field="held_on")
        else:
            review = saved_review.obj
            messages.success(request, "Review recorded" if saved_review.created else ALREADY_SAVED)
            if review.decision == review.Decision.END:
                return redirect("enablement:episode_end", episode_id=episode.pk)
            return redirect("enablement:episode", episode_id=episode.pk)
    return render(
        request,
        "enablement/review_form.jinja",
        {
            **person_header_context(request, episode.person),
            "form": form,
            "episode": episode,
            "goal_ratings": goal_ratings,
            "measure_prompts": measure_prompts(episode, moment="review"),
            "submission_key": key_for_form(request),
        },
    )


@requires(Capability.RECORD_ENABLEMENT_WORK)
def episode_end(request: HttpRequest, episode_id: int) -> HttpResponse:
    episode = get_episode_for(request, episode_id, audit=request.method == "GET")
    if not episode.is_open:
        return _closed(request, episode)
    form = MoveOnForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.end_episode(by=acting_user(request), episode=episode, move_on=form.save(commit=False))
        except REFUSED as refused:
            show_refusal(request, refused, form, field="ended_on")
        else:
            messages.success(request, "The episode has ended and the move-on is recorded")
            return redirect("enablement:episode", episode_id=episode.pk)
    return render(
        request,
        "enablement/move_on_form.jinja",
        {
            **person_header_context(request, episode.person),
            "form": form,
            "episode": episode,
            "measure_prompts": measure_prompts(episode, moment="end"),
        },
    )
