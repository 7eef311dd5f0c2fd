"""Signals courses sends for apps above it (which courses must not import).

``course_completed`` is sent once per enrolment, after the transaction that recorded the
completion has committed, with ``sender=Enrolment`` and ``enrolment=<the Enrolment>``.
Receivers run outside any transaction: queue work with ``cms.tasks.enqueue_on_commit``.
"""

from django.dispatch import Signal

course_completed = Signal()
