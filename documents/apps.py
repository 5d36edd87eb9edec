from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Documents"

    def ready(self) -> None:
        from documents import attached
        from documents.timeline import SOURCES
        from people.attached_documents import register_attached_documents
        from people.timeline import register_sources

        register_sources(SOURCES)
        register_attached_documents(attached.attached_documents)
