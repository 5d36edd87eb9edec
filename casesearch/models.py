"""The search index of what workers write about people: one row per searchable text.

A row is derived data, rebuilt from its source at any time (`manage.py rebuild_search_index`),
so it is not exported in subject access (the source is) and goes with the person's record.
The full-text part lives beside this table and is kept by the database itself (migration 0002):
PostgreSQL, a stored `tsvector` column (`english`) with a GIN index; SQLite, an FTS5 table
(`porter` stemming) kept in step by triggers. `casesearch.engine` hides the difference."""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=30)  # a registered source (casesearch.sources)
    object_id = models.CharField(max_length=40)  # the source row
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    # The page the passage is on, with the person (an episode, a plan document, a concern…).
    record_id = models.BigIntegerField(null=True, blank=True)
    written_on = models.DateField()
    text = models.TextField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_one_per_source_row")]
        indexes = [
            # A worker's search: their few dozen people's entries, then the full-text test on each.
            models.Index(fields=["person", "written_on"], name="search_entry_person_date"),
            # A manager's search for common words: newest first, stopping at the page's matches.
            models.Index(fields=["-written_on", "-id"], name="search_entry_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
