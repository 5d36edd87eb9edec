"""Staff answer the service's own questions on a person's record."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from people.access import get_person_for
from people.views.person import person_header_context
from questions import services
from questions.forms import AnswersForm
from questions.models import Question
from submissions.conflicts import EditConflict, edit_check, unchanged_since_opened


@requires(Capability.EDIT_PERSON)
def person_answers(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    person = get_person_for(request, person_id, audit=request.method == "GET")
    questions = services.asked_at(Question.Place.PERSON)
    saved = services.answers_on_record(person, questions)
    data = posted(request)
    form = AnswersForm(data, questions=questions) if data is not None else AnswersForm(questions=questions, initial=saved)
    edit = edit_check(request, form, saved=saved)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_since_opened(
                request, form, saved=lambda: services.lock_answers_for_edit(person, questions), discard_url=request.path
            ):
                services.save_answers_on_record(by=acting_user(request), person=person, form=form)
        except EditConflict as conflict:
            form, edit = AnswersForm(questions=questions, initial=conflict.merged), conflict.check
        else:
            messages.success(request, "Answers saved")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "questions/person_answers.jinja", {**person_header_context(request, person), "form": form, "edit_check": edit})
