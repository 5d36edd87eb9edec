"""A member's own feedback, under /my/ with the rest of their pages (star/urls.py)."""

from django.urls import path

from involvement.views import feedback

urlpatterns = [
    path("feedback/", feedback.my_feedback, name="my_feedback"),
]
