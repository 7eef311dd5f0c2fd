"""Reads for course and lesson pages: the outline of modules and lessons, a lesson's place
in it, a course's people and taxonomy, and what the viewer can do with the course (enrol,
continue, their progress), each in a fixed number of queries.

What every viewer sees alike (the outline, trainers, themes, countries, prerequisites) is
read in one go and kept in the cache (``course_facts_for``) under a content generation that
every save or deletion of content moves on (``cms.content_cache``), so pages show a change at
once; with the cache gone (Redis down) everything is read from the database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page

from cms.content_cache import CACHE_TIMEOUT, read_through

from .access import viewer_enrolment_for
from .activities import activity_conditions, course_activities_for
from .models import ActivityCompletion, CoursePage, Enrolment, LessonPage, ModulePage
from .services import canonical_course, enrolment_refusal_for


@dataclass(frozen=True)
class OutlineLesson:
    """An activity in the outline: a lesson, or another registered type (a quiz)."""

    pk: int
    title: str
    translation_key: uuid.UUID
    url: str | None
    minutes: int
    is_quiz: bool = False
    is_preview: bool = False


@dataclass(frozen=True)
class OutlineModule:
    pk: int
    title: str
    summary: str
    path: str
    lessons: list[OutlineLesson]

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)


@dataclass(frozen=True)
class CourseOutline:
    course_id: int | None
    modules: list[OutlineModule]
    # The translation keys of the course's live activities that count toward completion,
    # as ``course_activities_for`` counts them (an activity under an unpublished module too).
    required_keys: frozenset[uuid.UUID] = frozenset()
    # The facts it was built from, and the content generation they were cached under
    # (``read_through``; None when not cached: a preview), to key the pages' fragments on.
    facts: CourseFacts | None = None
    generation: str | None = None

    @cached_property
    def lessons(self) -> list[OutlineLesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def minutes(self) -> int:
        return sum(module.minutes for module in self.modules)


# What every viewer of a course page sees alike ---------------------------------------------


@dataclass(frozen=True)
class Term:
    """A theme or country as a course page lists it."""

    name: str
    slug: str


@dataclass(frozen=True)
class Trainer:
    """A trainer as a course page lists them."""

    display_name: str
    organisation: str


@dataclass(frozen=True)
class CourseFacts:
    """What a course's pages show every viewer alike, as plain values: the outline (each
    activity's URL kept relative to the course's), trainers, themes, countries, the ids of
    the prerequisite courses and of the canonical course. Cached by ``course_facts_for``.
    """

    # (pk, title, summary, path, activities); an activity is the arguments of an
    # ``OutlineLesson``, with its URL path below the course's in place of its URL.
    modules: tuple[tuple, ...]
    required_keys: frozenset[uuid.UUID]
    trainers: tuple[Trainer, ...]
    themes: tuple[Term, ...]
    countries: tuple[Term, ...]
    prerequisite_ids: tuple[int, ...]
    canonical_pk: int | None


def course_facts_for(*, course: CoursePage, request=None) -> CourseFacts:
    """The course's ``CourseFacts``: from the cache when they are there and current, else from
    the database in six queries (then cached). Previews in the admin show a draft's own
    trainers, themes and prerequisites: never cached."""
    return _course_facts(course, request)[0]


def _course_facts(course: CoursePage, request) -> tuple[CourseFacts, str | None]:
    if course.pk is None or getattr(request, "is_preview", False):
        return _course_facts_from_db(course), None
    return read_through(
        f"courses:facts:{course.pk}:{course.translation_key}",
        lambda: _course_facts_from_db(course),
    )


def fragment_cache_for(*, page: Page, outline: CourseOutline, request=None) -> dict:
    """How a course or lesson page caches the fragments of its template that every viewer
    sees alike (``{% cache fragment_cache.timeout name fragment_cache.key LANGUAGE_CODE %}``):
    under this published version of the page and the content generation of ``outline``, so
    any change to what they show makes new ones. A preview, or a page read without the
    cache, gets a key of its own and a timeout of 0: rendered every time."""
    if outline.generation is None or getattr(request, "is_preview", False):
        return {"timeout": 0, "key": f"uncached:{uuid.uuid4().hex}"}
    return {
        "timeout": CACHE_TIMEOUT,
        "key": (
            f"{page.pk}:{page.translation_key}:{page.live_revision_id}:"
            f"{page.last_published_at}:{outline.generation}"
        ),
    }


def _course_facts_from_db(course: CoursePage) -> CourseFacts:
    """Six queries: the outline, trainers, themes, countries, prerequisites, the canonical
    course. Trainers, themes and prerequisites come through the page's own relations, so a
    draft previewed in the admin shows its own."""
    modules, required_keys = _outline_rows(course)
    canonical = canonical_course(course) if course.pk is not None else course
    return CourseFacts(
        modules=modules,
        required_keys=required_keys,
        trainers=tuple(
            Trainer(trainer.display_name, trainer.organisation)
            for trainer in course.trainers.select_related("user")
        ),
        themes=tuple(Term(theme.name, theme.slug) for theme in course.themes.all()),
        countries=tuple(Term(country.name, country.slug) for country in course.countries.all()),
        prerequisite_ids=tuple(prerequisite.pk for prerequisite in course.prerequisites.all()),
        canonical_pk=canonical.pk,
    )


@dataclass(frozen=True)
class _ActivityColumns:
    """What the outline query reads for one activity type, through its table's join."""

    model: type[Page]
    minutes: list[str]  # the first that is set counts: a lesson's estimate, a quiz's limit
    preview: str | None
    required: str | None  # the annotation saying whether it counts; None: every one counts


def _activity_columns() -> dict[int, _ActivityColumns]:
    """By content type id: how to read each registered activity type from a ``Page`` row."""
    columns = {}
    for number, (model, required) in enumerate(activity_conditions().items()):
        relation = model._meta.parents[Page].related_query_name()
        fields = {field.name for field in model._meta.get_fields()}
        columns[ContentType.objects.get_for_model(model).pk] = _ActivityColumns(
            model=model,
            minutes=[
                f"{relation}__{name}"
                for name in ("estimated_minutes", "time_limit_minutes")
                if name in fields
            ],
            preview=f"{relation}__is_preview" if "is_preview" in fields else None,
            required=f"required_{number}" if required else None,
        )
    return columns


def _outline_rows(course: CoursePage) -> tuple[tuple[tuple, ...], frozenset[uuid.UUID]]:
    """The course's live modules with their live activities in tree order, and the keys of
    the live activities that count toward completion: one query, without bodies."""
    if course.pk is None:  # a new course previewed in the admin has no modules yet
        return (), frozenset()
    activities = _activity_columns()
    module_type = ContentType.objects.get_for_model(ModulePage).pk
    summary = f"{ModulePage._meta.parents[Page].related_query_name()}__summary"
    # Each type's "counts toward completion" condition, asked in this query rather than in
    # one more query per activity type.
    conditions = activity_conditions()
    required = {
        column.required: Exists(
            column.model.objects.filter(conditions[column.model], pk=OuterRef("pk"))
        )
        for column in activities.values()
        if column.required
    }
    rows = (
        Page.objects.filter(path__startswith=course.path, live=True)
        .filter(
            Q(depth=course.depth + 1, content_type_id=module_type)
            | Q(depth=course.depth + 2, content_type_id__in=list(activities))
        )
        .annotate(**required)
        .order_by("path")
        .values(
            "pk",
            "path",
            "title",
            "url_path",
            "translation_key",
            "content_type_id",
            summary,
            *(name for column in activities.values() for name in column.minutes),
            *(column.preview for column in activities.values() if column.preview),
            *required,
        )
    )
    modules: dict[str, tuple] = {}
    required_keys = set()
    for row in rows:
        column = activities.get(row["content_type_id"])
        if column is None:
            modules[row["path"]] = (row["pk"], row["title"], row[summary] or "", row["path"], [])
            continue
        if column.required is None or row[column.required]:
            required_keys.add(row["translation_key"])
        module = modules.get(row["path"][: -Page.steplen])
        if module is None:  # under an unpublished module: counts, but is not shown
            continue
        module[4].append(
            (
                row["pk"],
                row["title"],
                row["translation_key"],
                row["url_path"][len(course.url_path) :],
                next((row[name] for name in column.minutes if row[name]), 0),
                column.model._meta.model_name == "quizpage",
                bool(column.preview and row[column.preview]),
            )
        )
    return (
        tuple((*module[:4], tuple(module[4])) for module in modules.values()),
        frozenset(required_keys),
    )


def course_outline_for(
    *, course: CoursePage, request=None, facts: CourseFacts | None = None
) -> CourseOutline:
    """The course's live modules and activities in tree order, and which activities count
    toward completion (from ``course_facts_for`` unless ``facts`` are given).

    Activity URLs are the course's URL followed by their path below it, as Wagtail would
    build them page by page.
    """
    generation = None
    if facts is None:
        facts, generation = _course_facts(course, request)
    course_url = course.get_url(request) if course.pk is not None else None
    return CourseOutline(
        course_id=course.pk,
        facts=facts,
        generation=generation,
        modules=[
            OutlineModule(
                pk=pk,
                title=title,
                summary=summary,
                path=path,
                lessons=[
                    OutlineLesson(
                        pk=lesson_pk,
                        title=lesson_title,
                        translation_key=key,
                        url=_url_below(course_url, below),
                        minutes=minutes,
                        is_quiz=is_quiz,
                        is_preview=is_preview,
                    )
                    for lesson_pk, lesson_title, key, below, minutes, is_quiz, is_preview in lessons
                ],
            )
            for pk, title, summary, path, lessons in facts.modules
        ],
        required_keys=facts.required_keys,
    )


def _url_below(course_url: str | None, below: str) -> str | None:
    """The URL of a page ``below`` (its URL path below the course's) the course's URL, as
    ``get_url`` gives it, without working out the site again for each page."""
    if course_url is None:
        return None
    if course_url.endswith("/"):
        return course_url + below
    return f"{course_url}/{below}".rstrip("/")  # WAGTAIL_APPEND_SLASH = False


@dataclass(frozen=True)
class LessonPosition:
    course: CoursePage
    module: OutlineModule | None
    previous: OutlineLesson | None
    next: OutlineLesson | None
    number: int
    total: int


def lesson_position_for(
    *,
    lesson: LessonPage,
    request=None,
    course: CoursePage | None = None,
    outline: CourseOutline | None = None,
) -> LessonPosition:
    """Where a lesson sits in its course: its module's outline and previous/next lessons.

    ``course`` (the lesson's course) and its ``outline`` save queries when the caller
    already has them.
    """
    if course is None:
        course = CoursePage.objects.ancestor_of(lesson).select_related("level").get()
    if outline is None:
        outline = course_outline_for(course=course, request=request)
    lessons = outline.lessons
    index = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), None)
    module = next((m for m in outline.modules if lesson.path.startswith(m.path)), None)
    if index is None:  # a draft seen in preview: not in the live outline
        return LessonPosition(course, module, None, None, 0, len(lessons))
    return LessonPosition(
        course=course,
        module=module,
        previous=lessons[index - 1] if index > 0 else None,
        next=lessons[index + 1] if index + 1 < len(lessons) else None,
        number=index + 1,
        total=len(lessons),
    )


def course_detail_for(*, course: CoursePage, facts: CourseFacts | None = None) -> dict:
    """Trainers, themes, countries and live prerequisites of a course, from ``facts``, with
    one query for the prerequisites if the course has any (whether each is live, and its
    URL, are read then)."""
    if facts is None:
        facts = course_facts_for(course=course)
    prerequisites = []
    if facts.prerequisite_ids:
        live = CoursePage.objects.filter(pk__in=facts.prerequisite_ids, live=True).in_bulk()
        prerequisites = [live[pk] for pk in facts.prerequisite_ids if pk in live]
    return {
        "trainers": facts.trainers,
        "themes": facts.themes,
        "countries": facts.countries,
        "prerequisites": prerequisites,
    }


@dataclass(frozen=True)
class Progress:
    """Completed required activities of a course, and the activities the learner finished."""

    done: int
    total: int
    completed_keys: frozenset[uuid.UUID] = field(default_factory=frozenset)

    @property
    def percent(self) -> int:
        """Whole percent, rounded down: 100 only when everything is done."""
        return min(100, self.done * 100 // self.total) if self.total else 0


def learner_progress_for(*, enrolment: Enrolment, outline: CourseOutline | None = None) -> Progress:
    """A learner's progress in one course: one query for the activities they completed (at
    most the course's activities), and one per activity type unless ``outline`` is the
    outline of the enrolment's course, which knows the activities that count."""
    if outline is not None and outline.course_id == enrolment.course_id:
        required = outline.required_keys
    else:
        required = course_activities_for([enrolment.course])[enrolment.course_id].required
    completed = frozenset(
        ActivityCompletion.objects.filter(enrolment=enrolment).values_list(
            "activity_key", flat=True
        )
    )
    return Progress(done=len(completed & required), total=len(required), completed_keys=completed)


def waitlist_position_for(*, enrolment: Enrolment) -> int:
    """1 for the next learner to get a place (the order ``waitlist_admit_next`` follows)."""
    ahead = Enrolment.objects.filter(
        course_id=enrolment.course_id, status=Enrolment.Status.WAITLISTED
    ).filter(
        Q(requested_at__lt=enrolment.requested_at)
        | Q(requested_at=enrolment.requested_at, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


@dataclass(frozen=True)
class CourseState:
    """What the course page offers its viewer: enrol, apply, continue, or why not."""

    enrolment: Enrolment | None = None
    progress: Progress | None = None
    waitlist_position: int | None = None
    # Why the viewer cannot ask for a place now ("" if they can, or already have one).
    refusal: str = ""
    is_full: bool = False  # a new request would join the waitlist
    continue_url: str = ""

    @property
    def status(self) -> str:
        """The enrolment status, "" for none; "completed" once the course is completed."""
        if self.enrolment is None:
            return ""
        if self.enrolment.completed_at and self.enrolment.is_active:
            return "completed"
        return self.enrolment.status

    @property
    def completed_keys(self) -> frozenset[uuid.UUID]:
        return self.progress.completed_keys if self.progress else frozenset()


def course_state_for(
    *,
    course: CoursePage,
    user,
    outline: CourseOutline,
    request=None,
    facts: CourseFacts | None = None,
) -> CourseState:
    """The viewer's relation to ``course``, in a fixed number of queries:

    * anonymous: one query for the canonical course (whose rules apply), none when
      ``facts`` say it is ``course`` itself;
    * enrolled: the enrolment, then their progress (one query when ``outline`` is the
      canonical course's), and their last activity if it is not in ``outline``;
    * waitlisted: the enrolment, then their position;
    * not (or no longer) enrolled: the enrolment, the canonical course (unless it is
      ``course``), two queries for prerequisites, one to count places if the course has a
      capacity.
    """
    if course.pk is None:  # a new course previewed in the admin: nobody is enrolled yet
        return CourseState()
    enrolment = viewer_enrolment_for(user=user, course=course)
    if enrolment is not None and enrolment.is_active:
        return CourseState(
            enrolment=enrolment,
            progress=learner_progress_for(enrolment=enrolment, outline=outline),
            continue_url=_continue_url(enrolment, outline, request),
        )
    if enrolment is not None and enrolment.status == Enrolment.Status.WAITLISTED:
        return CourseState(
            enrolment=enrolment, waitlist_position=waitlist_position_for(enrolment=enrolment)
        )
    if enrolment is not None and enrolment.status in {
        Enrolment.Status.PENDING,
        Enrolment.Status.DECLINED,
    }:
        return CourseState(enrolment=enrolment)
    # No enrolment, or a withdrawn one: may the viewer ask for a place? The rules are the
    # canonical course's: the enrolment's own course, or the course viewed if it is that one.
    if enrolment is not None:
        rules = course if enrolment.course_id == course.pk else enrolment.course
    elif facts is not None and facts.canonical_pk == course.pk:
        rules = course
    else:
        rules = canonical_course(course)
    refusal = enrolment_refusal_for(learner=user, course=rules)
    is_full = (
        not refusal
        and rules.enrolment_mode == CoursePage.EnrolmentMode.OPEN
        and rules.capacity is not None
        and Enrolment.objects.filter(course=rules, status=Enrolment.Status.ACTIVE).count()
        >= rules.capacity
    )
    return CourseState(enrolment=enrolment, refusal=refusal, is_full=is_full)


def _continue_url(enrolment: Enrolment, outline: CourseOutline, request) -> str:
    """The last visited activity, in the language of the page being viewed if it is in the
    outline; else the first lesson."""
    lessons = outline.lessons
    if enrolment.last_activity_id is None:
        return lessons[0].url if lessons else ""
    same = next((item for item in lessons if item.pk == enrolment.last_activity_id), None)
    if same is not None:  # this very page: no need to load it
        return same.url
    last = enrolment.last_activity
    if last is not None:
        same = next(
            (item for item in lessons if item.translation_key == last.translation_key), None
        )
        if same is not None:
            return same.url
        if last.live:
            return last.get_url(request) or ""
    return lessons[0].url if lessons else ""
