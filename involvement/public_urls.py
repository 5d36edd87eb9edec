"""The public feedback form and "you said, we did" stay at the site root (/feedback/,
/you-said-we-did/): they are on posters and cards at every project. No account needed. Mounted in
the involvement namespace by star/urls.py."""

from django.urls import path

from involvement.views import public

urlpatterns = [
    path("feedback/", public.feedback_public, name="feedback_public"),
    path("feedback/thank-you/", public.feedback_thanks, name="feedback_thanks"),
    path("you-said-we-did/", public.you_said_we_did, name="you_said_we_did"),
]
