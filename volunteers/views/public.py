"""Anyone can offer to volunteer, without an account."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.posted import posted
from core.public_form import Verdict, guard
from volunteers import services
from volunteers.forms import PublicApplicationForm
from volunteers.models import Source


def apply(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(posted(request))
    if request.method == "POST":
        verdict = guard(
            request, form, scope="volunteer-apply", limit=settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR, sent_before=services.interest_sent_with
        )
        if verdict is Verdict.SPAM:
            return redirect("volunteers:apply_thanks")
        if verdict is Verdict.TOO_MANY:
            return render(request, "volunteers/public/apply.jinja", {"form": form, "too_many": True}, status=429)
        if verdict is Verdict.SEND:
            data = form.cleaned_data
            services.express_interest(
                by=None,
                source=Source.PUBLIC,
                given_name=data["given_name"],
                family_name=data["family_name"],
                email=data["email"],
                phone=data["phone"],
                roles_of_interest=data["roles_of_interest"],
                availability=data["availability"],
                lived_experience=data["lived_experience"],
                support_needs=data["support_needs"],
                submission_token=data["token"],
            )
            form.mark_used()
            return redirect("volunteers:apply_thanks")
    return render(request, "volunteers/public/apply.jinja", {"form": form})


def apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteers/public/thanks.jinja", {})
