from django.urls import path

from casesearch import views

app_name = "casesearch"

urlpatterns = [
    path("", views.note_search, name="search"),
]
