import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from courses.models import CoursePage, LessonPage
from learners.models import User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "users": User.objects.count(),
    }


def test_seed_demo_twice_leaves_the_same_counts(seeded):
    first = counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == first
    assert first["courses"] >= 1
    assert first["lessons"] >= 3


def test_seed_demo_creates_verified_demo_accounts_that_can_log_in(client, seeded):
    for email in ("admin@example.org", "trainer@example.org", "learner@example.org"):
        user = User.objects.get(email=email)
        assert user.emailaddress_set.get(primary=True).verified
        assert client.login(email=email, password="learn-human-security")
    assert User.objects.get(email="admin@example.org").is_superuser


def test_seed_demo_prints_the_demo_password(db, capsys):
    call_command("seed_demo")
    assert "learn-human-security" in capsys.readouterr().out


def test_seed_demo_refuses_when_demo_data_is_not_allowed(db, settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="refuses"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_course_lessons_carry_the_human_security_content(seeded):
    text = " ".join(str(lesson.body) for lesson in LessonPage.objects.all()).lower()
    for phrase in ("1994", "freedom from fear", "freedom from want", "organised crime"):
        assert phrase in text
