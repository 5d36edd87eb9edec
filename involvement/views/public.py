"""Pages anyone can use without an account: the feedback form and "You said, we did"."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.models import User
from core.pagination import pagination_params
from core.posted import posted
from core.public_form import Verdict, guard
from involvement import services
from involvement.access import published_decisions
from involvement.forms import PublicFeedbackForm
from involvement.models import FeedbackChannel

REFERENCE_KEY = "involvement_feedback_reference"


def feedback_public(request: HttpRequest) -> HttpResponse:
    form = PublicFeedbackForm(posted(request))
    if request.method == "POST":
        verdict = guard(
            request, form, scope="public-feedback", limit=settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR, sent_before=services.feedback_sent_with
        )
        if verdict is Verdict.SPAM:
            # A hidden field only robots fill in: say thank you, keep nothing.
            return redirect("involvement:feedback_thanks")
        if verdict is Verdict.TOO_MANY:
            return render(request, "involvement/feedback_public.jinja", {"form": form, "too_many": True}, status=429)
        if verdict is Verdict.SEND:
            data = form.cleaned_data
            submitted = services.submit_feedback(
                kind=data["kind"],
                message=data["message"],
                channel=FeedbackChannel.PUBLIC_FORM,
                theme=data["theme"],
                name=data["name"],
                contact=data["contact"],
                about_personal_information=data["about_personal_information"],
                submission_token=data["token"],
                # Whoever is signed in (if anyone) is the audit row's who, as before.
                sent_by=request.user if isinstance(request.user, User) else None,
            )
            form.mark_used()
            request.session[REFERENCE_KEY] = submitted.feedback.reference
            return redirect("involvement:feedback_thanks")
    return render(request, "involvement/feedback_public.jinja", {"form": form})


def feedback_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "involvement/feedback_thanks.jinja",
        {
            "reference": request.session.get(REFERENCE_KEY, ""),
            "acknowledge_days": settings.STAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS,
            "respond_days": settings.STAR_COMPLAINT_RESPOND_WORKING_DAYS,
        },
    )


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    page = Paginator(published_decisions().only("title", "you_said", "we_did", "decided_on", "published_at"), 20).get_page(
        request.GET.get("page")
    )
    return render(request, "involvement/you_said_we_did.jinja", {"page": page, "pagination": pagination_params(page)})
