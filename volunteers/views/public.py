"""Anyone can offer to volunteer, without an account."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from core.posted import posted
from core.ratelimit import over_limit
from volunteers import services
from volunteers.forms import PublicApplicationForm
from volunteers.models import Source


def apply(request: HttpRequest) -> HttpResponse:
    form = PublicApplicationForm(posted(request))
    if request.method == "POST":
        if form.is_spam:
            return redirect("volunteers:apply_thanks")
        if over_limit(
            request, "volunteer-apply", limit=settings.STAR_PUBLIC_FORM_LIMIT_PER_HOUR, form_token=request.POST.get("started", "")
        ):
            return render(request, "volunteers/public/apply.jinja", {"form": form, "too_many": True}, status=429)
        if form.is_valid() and form.already_used and not services.interest_sent_with(form.cleaned_data["token"]):
            # The same form sent again with a new token: a replay, refused server-side.
            form.add_error(None, "This form has already been sent. Check your answers and press Send again")
        elif form.is_valid():
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
                request=request,
            )
            form.mark_used()
            return redirect("volunteers:apply_thanks")
        renewed = request.POST.copy()
        for name, value in form.renewed().items():
            renewed[name] = value
        form.data = renewed
    return render(request, "volunteers/public/apply.jinja", {"form": form})


def apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteers/public/thanks.jinja", {})
