from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = "The service's own questions"

    def ready(self) -> None:
        from people.own_answers import register_answer_reader, register_asked_on_record
        from questions.presenters import answer_rows_for_person
        from questions.services import any_asked_on_record

        register_answer_reader(answer_rows_for_person)
        register_asked_on_record(any_asked_on_record)
