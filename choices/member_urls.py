"""A member's own budget and work pages, under /my/ with the rest of their pages (star/urls.py)."""

from django.urls import path

from choices.urls import SCREENS

urlpatterns = [path(route, view, name=f"my_{name}") for route, view, name in SCREENS]
