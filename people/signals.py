"""Signals about people that apps above people send or receive (records sends `destroying_person`
when it destroys a record; interop receives it), so neither imports the other."""

from __future__ import annotations

from django.dispatch import Signal

# Sent inside `retention.destroy`'s transaction, before anything is deleted, with `person` (still
# there) and `identifiers` (people.destroyed.Identifiers). A receiver removes what its app keeps
# about the person outside person-linked rows (an uploaded import file, a cached preview) and
# returns {label: count} for the stub. An exception rolls the whole destruction back.
destroying_person = Signal()
