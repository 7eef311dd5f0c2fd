"""Which pages are activities of a course, and which of them count toward completion.

Lessons are activities of this app. Other apps add their own page types (quizzes) with
``activity_type_register`` from their ``AppConfig.ready``, so this layer never imports them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import BooleanField, Case, Q, Value, When
from wagtail.models import Page

_ACTIVITY_TYPES: dict[type[Page], Q] = {}


def activity_type_register(model: type[Page], *, required: Q | None = None) -> None:
    """Declare ``model`` an activity; ``required`` filters those that count for completion."""
    _ACTIVITY_TYPES[model] = required if required is not None else Q()


def activity_types() -> list[type[Page]]:
    return list(_ACTIVITY_TYPES)


def activity_conditions() -> dict[type[Page], Q]:
    """Each activity type with its "counts toward completion" condition (``Q()``: all)."""
    return dict(_ACTIVITY_TYPES)


def is_activity(page: Page) -> bool:
    return type(page) in _ACTIVITY_TYPES


@dataclass(frozen=True)
class CourseActivities:
    """The translation keys of a course's live activities, and of those that are required."""

    all: frozenset[uuid.UUID]
    required: frozenset[uuid.UUID]


def course_activities_for(courses: list[Page]) -> dict[int, CourseActivities]:
    """Live activities of each course, in one query per activity type whatever the count."""
    if not courses:
        return {}
    by_path = {course.path: course.pk for course in courses}
    under = reduce(or_, (Q(path__startswith=path) for path in by_path))
    found: dict[int, tuple[set, set]] = {course.pk: (set(), set()) for course in courses}
    for model, required in _ACTIVITY_TYPES.items():
        flag = (
            Case(
                When(required, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
            if required
            else Value(True, output_field=BooleanField())
        )
        rows = (
            model.objects.live()
            .filter(under)
            .annotate(is_required=flag)
            .values_list("path", "translation_key", "is_required")
        )
        for path, key, is_required in rows:
            # Activities sit two levels below their course: course → module → activity.
            course_pk = by_path.get(path[: -2 * Page.steplen])
            if course_pk is None:
                continue
            found[course_pk][0].add(key)
            if is_required:
                found[course_pk][1].add(key)
    return {
        pk: CourseActivities(all=frozenset(keys), required=frozenset(required_keys))
        for pk, (keys, required_keys) in found.items()
    }
