from django.urls import path

from questions.views import defining, person_answers

app_name = "questions"

urlpatterns = [
    path("", defining.question_list, name="list"),
    path("new/", defining.question_new, name="new"),
    path("<int:question_id>/", defining.question_edit, name="edit"),
    path("person/<uuid:person_id>/", person_answers.person_answers, name="person_answers"),
]
