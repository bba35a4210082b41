"""Signals of the catalogue. `versions_created(codes, at)` is sent after new versions of those procedures are
saved (import or editor), so rooms above (the reviewed citizen layer) can check what they were written against."""

from django.dispatch import Signal

versions_created = Signal()
