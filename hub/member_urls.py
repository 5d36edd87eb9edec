"""A member's saved resources and the signposting they are asked about, under /my/ with the rest
of their pages (star/urls.py)."""

from django.urls import path

from hub.views import member, saved

urlpatterns = [
    path("saved-resources/", saved.my_saved, name="my_saved"),
    path("saved-resources/<uuid:resource_id>/remove/", saved.remove, name="unsave"),
    path("signposting/", member.my_signposting, name="my_signposting"),
    path("signposting/<int:signposting_id>/", member.my_answer, name="my_answer"),
]
