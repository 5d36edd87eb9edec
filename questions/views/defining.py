"""A manager defines the service's own questions: the list, adding one, changing or retiring one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from accounts.access import acting_user, requires
from accounts.roles import Capability
from core.posted import posted
from questions import services
from questions.forms import QuestionForm
from questions.models import Question
from submissions.conflicts import EditConflict, model_edit_check, model_form_again, unchanged_model
from submissions.services import ALREADY_SAVED, key_for_form, once


@requires(Capability.DEFINE_QUESTIONS)
def question_list(request: HttpRequest) -> HttpResponse:
    questions = list(Question.objects.order_by("place", "retired", "order", "pk"))
    places = [(label, [q for q in questions if q.place == value]) for value, label in Question.Place.choices]
    return render(request, "questions/list.jinja", {"places": places})


@requires(Capability.DEFINE_QUESTIONS)
def question_new(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        saved = once(
            request,
            model=Question,
            create=lambda: services.save_question(by=acting_user(request), question=form.save(commit=False)),
        )
        messages.success(request, f"‘{saved.obj.wording}’ has been added" if saved.created else ALREADY_SAVED)
        return redirect("questions:list")
    return render(request, "questions/form.jinja", {"form": form, "title": "Add a question", "submission_key": key_for_form(request)})


@requires(Capability.DEFINE_QUESTIONS)
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=question_id)
    form = QuestionForm(posted(request), instance=question)
    edit = model_edit_check(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            with unchanged_model(request, form):
                services.save_question(by=acting_user(request), question=form.save(commit=False))
        except EditConflict as conflict:
            form, edit = model_form_again(form, conflict), conflict.check
        else:
            messages.success(request, "Changes saved. Answers already given keep the wording they were asked with")
            return redirect("questions:list")
    return render(
        request,
        "questions/form.jinja",
        {"form": form, "title": "Change a question", "question": question, "answered": question.answers.exists(), "edit_check": edit},
    )
