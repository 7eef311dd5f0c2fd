"""What learners do with courses: enrolments, completed activities, notices; and a small
course (modules of lessons) to do it in."""

import factory
from django.utils import timezone

from courses.models import ActivityCompletion, CoursePage, Enrolment, EnrolmentNotice

from .learners import UserFactory
from .pages import CoursePageFactory, LessonPageFactory, ModulePageFactory


class EnrolmentFactory(factory.django.DjangoModelFactory):
    """An enrolment written straight to the database (no rules, no notices)."""

    class Meta:
        model = Enrolment

    learner = factory.SubFactory(UserFactory)
    course = None  # always give the course
    status = Enrolment.Status.ACTIVE
    enrolled_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Enrolment.Status.ACTIVE else None
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        requested_at = kwargs.pop("requested_at", None)
        enrolment = super()._create(model_class, *args, **kwargs)
        if requested_at is not None:  # auto_now_add ignores a value given at creation
            model_class.objects.filter(pk=enrolment.pk).update(requested_at=requested_at)
            enrolment.refresh_from_db()
        return enrolment


class ActivityCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityCompletion

    enrolment = factory.SubFactory(EnrolmentFactory)
    activity = None  # always give the activity
    activity_key = factory.LazyAttribute(lambda o: o.activity.translation_key)
    activity_title = factory.LazyAttribute(lambda o: o.activity.title)


class EnrolmentNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnrolmentNotice

    enrolment = factory.SubFactory(EnrolmentFactory)
    kind = EnrolmentNotice.Kind.ENROLLED
    round = factory.LazyAttribute(lambda o: int(o.enrolment.requested_at.timestamp()))


def course_with_lessons(
    catalogue, *, modules: int = 1, lessons_per_module: int = 2, **course_fields
) -> tuple[CoursePage, list]:
    """A live course with its modules and lessons (none of them a preview)."""
    course = CoursePageFactory(parent=catalogue, **course_fields)
    lessons = []
    for _ in range(modules):
        module = ModulePageFactory(parent=course)
        lessons += [LessonPageFactory(parent=module) for _ in range(lessons_per_module)]
    return course, lessons
