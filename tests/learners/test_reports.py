"""Completion statistics and the admin reports: exact figures on a hand-made dataset, the
permission matrix, bad input (a message or a 404, never a 500), fixed query counts at two
data sizes, and the SVG charts."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from courses.models import ActivityCompletion, Country, CourseTrainer, Enrolment
from courses.permissions import TRAINERS, catalogue_permissions_apply
from courses.services import activity_complete, enrolment_request
from learners import charts, statistics
from learners.tables import TABLE_BUILDERS, ReportError
from quizzes.models import QuestionRollup, QuizAttempt
from quizzes.services import attempt_start, attempt_submit
from tests.factories.courses import EnrolmentFactory, course_with_lessons
from tests.factories.learners import UserFactory
from tests.factories.pages import make_site
from tests.factories.quizzes import QuizPageFactory

pytestmark = pytest.mark.django_db

Status = Enrolment.Status
TODAY = timezone.localdate()


@pytest.fixture
def catalogue(db):
    _home, catalogue = make_site()
    catalogue_permissions_apply(catalogue=catalogue)
    return catalogue


def trainer_user(email):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=TRAINERS))
    return user


@pytest.fixture
def trainer_a(db):
    return trainer_user("trainer-a@example.org")


@pytest.fixture
def trainer_b(db):
    return trainer_user("trainer-b@example.org")


@pytest.fixture
def admin(db):
    return UserFactory(email="boss@example.org", is_superuser=True, is_staff=True)


@pytest.fixture
def course_a(catalogue, trainer_a):
    """Two modules of two lessons, and a required quiz in the second module."""
    course, lessons = course_with_lessons(catalogue, modules=2, title="Course A", language="en")
    quiz = QuizPageFactory(parent=lessons[2].get_parent(), pass_mark=50)
    CourseTrainer.objects.create(course=course, user=trainer_a)
    return course, lessons, quiz


@pytest.fixture
def course_b(catalogue, trainer_b):
    course, lessons = course_with_lessons(catalogue, modules=1, title="Course B", language="sr")
    CourseTrainer.objects.create(course=course, user=trainer_b)
    return course, lessons


def country(name):
    return Country.objects.get_or_create(name=name, slug=name.lower())[0]


def answers(attempt, right: bool) -> dict:
    given = {}
    for question in attempt.snapshot:
        if question["type"] == "single_choice":
            wanted = 1 if right else 0
            given[question["id"]] = next(
                c["id"] for c in question["choices"] if (c["credit"] >= 1) == bool(wanted)
            )
        elif question["type"] == "true_false":
            given[question["id"]] = "false" if right else "true"
    return given


def take_quiz(learner, quiz, *, right: bool):
    attempt = attempt_start(learner=learner, quiz=quiz)
    return attempt_submit(attempt=attempt, answers=answers(attempt, right))


@pytest.fixture
def dataset(course_a, course_b, django_capture_on_commit_callbacks):
    """Course A: 4 enrolled (one completed, one half-way, one started, one idle), one
    pending and one declined application. Course B: 1 enrolled, completed."""
    course, lessons, quiz = course_a
    serbia, bosnia = country("Serbia"), country("Bosnia")
    people = {
        "done": UserFactory(country=serbia, organisation="=HYPERLINK(1)", display_name="Ana"),
        "half": UserFactory(country=serbia, organisation="NGO One", display_name="Bo"),
        "started": UserFactory(country=bosnia, organisation="NGO One", display_name="Cy"),
        "idle": UserFactory(country=None, organisation="", display_name="Di"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        for person in people.values():
            enrolment_request(learner=person, course=course)
        for lesson in lessons:  # 4 lessons + the quiz are required
            activity_complete(learner=people["done"], activity=lesson)
        take_quiz(people["done"], quiz, right=False)
        take_quiz(people["done"], quiz, right=True)  # passes: completes the course
        for lesson in lessons[:3]:
            activity_complete(learner=people["half"], activity=lesson)
        take_quiz(people["half"], quiz, right=False)
        activity_complete(learner=people["started"], activity=lessons[0])
        b_course, b_lessons = course_b
        enrolment_request(learner=people["half"], course=b_course)
        for lesson in b_lessons:
            activity_complete(learner=people["half"], activity=lesson)
    EnrolmentFactory(course=course, status=Status.PENDING)
    EnrolmentFactory(course=course, status=Status.DECLINED)
    # "done" finished in 10 days, enrolled 20 days ago; "half"'s B enrolment took 4 days.
    now = timezone.now()
    Enrolment.objects.filter(learner=people["done"], course=course).update(
        enrolled_at=now - datetime.timedelta(days=20),
        completed_at=now - datetime.timedelta(days=10),
    )
    Enrolment.objects.filter(learner=people["half"], course=course_b[0]).update(
        enrolled_at=now - datetime.timedelta(days=6), completed_at=now - datetime.timedelta(days=2)
    )
    # "started" did their lesson 40 days ago and has not been back.
    ActivityCompletion.objects.filter(enrolment__learner=people["started"]).update(
        completed_at=now - datetime.timedelta(days=40)
    )
    return people


def all_courses(user):
    return statistics.reportable_courses_for(user)


# Selectors: exact figures ----------------------------------------------------------------


def test_the_overview_counts_learners_enrolments_completions_and_the_median(
    dataset, admin, course_a
):
    start, end = statistics.default_range()
    overview = statistics.overview_for(
        courses=all_courses(admin), start=start, end=end, everyone=True
    )
    assert overview.learners == 4  # "half" is in both courses: one learner
    assert overview.enrolments == 5  # pending and declined got no place
    assert overview.completions == 2
    assert overview.completed_of_enrolments == 2
    assert overview.completion_rate == 40.0
    assert overview.median_days_to_complete == 7.0  # median of 10 and 4 days
    # "started" completed 40 days ago; the other three completed activities just now.
    assert overview.active_7_days == 2
    assert overview.active_30_days == 2
    assert overview.new_signups == 9  # 4 learners, 2 applicants, 2 trainers, the admin
    assert len(overview.months) in (12, 13)
    assert sum(m.enrolments for m in overview.months) == 5
    assert sum(m.completions for m in overview.months) == 2


def test_a_trainer_overview_is_limited_to_their_courses(dataset, trainer_b, course_b):
    start, end = statistics.default_range()
    overview = statistics.overview_for(courses=all_courses(trainer_b), start=start, end=end)
    assert (overview.learners, overview.enrolments, overview.completions) == (1, 1, 1)
    assert overview.new_signups == 1
    assert overview.median_days_to_complete == 4.0


def test_the_course_report_funnel_modules_quizzes_and_applications(dataset, course_a):
    course, _lessons, _quiz = course_a
    report = statistics.course_report_for(course=course)
    assert report.required_activities == 5
    assert [n for _label, n in report.funnel] == [4, 3, 2, 1]  # half: 3 lessons of 5 ≥ 3
    assert report.applications == {
        "accepted": 0,
        "declined": 1,
        "waitlisted": 0,
        "pending": 1,
        "withdrawn": 0,
    }
    first, second = report.modules
    assert (first.required, first.completions, first.rate) == (2, 5, 62.5)  # 5 of 2×4
    # Second module: lessons done by 2 and 1 learners, the quiz by 1: 4 of 3×4.
    assert (second.required, second.completions, second.rate) == (3, 4, 33.3)
    assert [a.completions for a in report.activities] == [3, 2, 2, 1, 1]
    (quiz_figures,) = report.quizzes
    assert quiz_figures.learners == 2
    assert quiz_figures.attempts == 3
    assert quiz_figures.passed == 1
    assert quiz_figures.pass_rate == 50.0
    assert quiz_figures.attempts_per_learner == 1.5
    assert quiz_figures.average_percent == 33.3  # 0, 100, 0
    assert [q.attempts for q in quiz_figures.questions] == [3, 3]


def test_breakdowns_by_country_organisation_language_and_month(dataset, admin):
    start, end = statistics.default_range()
    courses = all_courses(admin)

    def figures(by):
        return {
            r.label: (r.learners, r.enrolments, r.completions, r.completion_rate)
            for r in statistics.breakdown_for(courses=courses, start=start, end=end, by=by)
        }

    assert figures("country") == {
        "Serbia": (2, 3, 2, 66.7),
        "Bosnia": (1, 1, 0, 0.0),
        "(not given)": (1, 1, 0, 0.0),
    }
    assert figures("organisation") == {
        "NGO One": (2, 3, 1, 33.3),
        "=HYPERLINK(1)": (1, 1, 1, 100.0),
        "(not given)": (1, 1, 0, 0.0),
    }
    assert figures("language") == {
        "English": (4, 4, 1, 25.0),
        "Serbian (Cyrillic)": (1, 1, 1, 100.0),
    }
    months = figures("month")
    assert sum(v[1] for v in months.values()) == 5
    with pytest.raises(ReportError):
        statistics.breakdown_for(courses=courses, start=start, end=end, by="shoe-size")


def test_the_learner_list_shows_progress_and_best_score_sorted_and_filtered(dataset, course_a):
    course = course_a[0]
    listing = statistics.learner_list_for(course=course, sort="-progress", filters={})
    rows = [
        (statistics.learner_public_name(r), LearnerProgress(r, listing.required), r["best_score"])
        for r in listing.rows
    ]
    assert rows[:4] == [
        ("Ana", 100.0, 100.0),
        ("Bo", 60.0, 0.0),
        ("Cy", 20.0, None),
        ("Di", 0.0, None),
    ]
    assert len(rows) == 6  # with the pending and declined applicants
    completed = statistics.learner_list_for(
        course=course, sort="name", filters={"status": "completed"}
    )
    assert [statistics.learner_public_name(r) for r in completed.rows] == ["Ana"]
    bosnia = statistics.learner_list_for(course=course, sort="name", filters={"country": "bosnia"})
    assert [statistics.learner_public_name(r) for r in bosnia.rows] == ["Cy"]
    for bad in ({"status": "asleep"}, {"country": "atlantis"}):
        with pytest.raises(ReportError):
            statistics.learner_list_for(course=course, sort="name", filters=bad)
    with pytest.raises(ReportError):
        statistics.learner_list_for(course=course, sort="email; DROP TABLE", filters={})


def LearnerProgress(row, required):
    return statistics.LearnerList.progress(row, required)


def test_every_report_table_is_registered_for_the_exports(dataset, admin, course_a):
    from django.http import QueryDict

    course = course_a[0]
    expected = {
        "overview_monthly": "",
        "breakdown": "by=organisation",
        "learner_list": f"course={course.pk}&sort=-progress",
        "course_modules": f"course={course.pk}",
        "course_activities": f"course={course.pk}",
        "course_quizzes": f"course={course.pk}",
        "quiz_questions": f"course={course.pk}",
    }
    for name, query in expected.items():
        table = TABLE_BUILDERS[name](admin, QueryDict(query))
        rows = list(table.rows)
        assert all(len(row) == len(table.columns) for row in rows), name
        assert table.name == name
    learners = TABLE_BUILDERS["learner_list"](
        admin, QueryDict(f"course={course.pk}&sort=-progress")
    )
    assert learners.row_count == 6
    assert next(iter(learners.rows))[0] == "Ana"


# Pages: permissions ----------------------------------------------------------------------


def report_urls(course_id):
    return [
        reverse("learners_reports:overview"),
        reverse("learners_reports:breakdown"),
        reverse("learners_reports:course") + f"?course={course_id}",
        reverse("learners_reports:learners") + f"?course={course_id}",
    ]


def test_anonymous_visitors_go_to_the_admin_login(client, course_a):
    for url in report_urls(course_a[0].pk):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_learners_never_reach_a_report(client, dataset, course_a):
    client.force_login(dataset["done"])
    for url in report_urls(course_a[0].pk):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:  # Wagtail: no admin access, back to its login
            assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_a_trainer_sees_their_course_and_gets_404_for_another(
    client, dataset, trainer_a, course_a, course_b
):
    client.force_login(trainer_a)
    for url in report_urls(course_a[0].pk):
        assert client.get(url).status_code == 200, url
    for url in report_urls(course_b[0].pk)[2:]:
        assert client.get(url).status_code == 404, url
    choices = client.get(reverse("learners_reports:course")).content.decode()
    assert "Course A" in choices
    assert "Course B" not in choices
    by_language = client.get(
        reverse("learners_reports:breakdown") + "?by=language"
    ).content.decode()
    assert "English" in by_language
    assert "Serbian" not in by_language


def test_an_admin_sees_every_course(client, dataset, admin, course_a, course_b):
    client.force_login(admin)
    for course in (course_a[0], course_b[0]):
        for url in report_urls(course.pk):
            assert client.get(url).status_code == 200, url
    page = client.get(reverse("learners_reports:course")).content.decode()
    assert "Course A" in page
    assert "Course B" in page
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("learners_reports:overview") in menu


def test_pages_show_the_figures_charts_and_export_links(client, dataset, admin, course_a):
    client.force_login(admin)
    page = client.get(reverse("learners_reports:overview")).content.decode()
    assert 'role="img"' in page
    assert "<desc>" in page
    assert 'data-figure="completion_rate"' in page
    assert "40.0 %" in page
    assert "format=csv" in page
    assert "format=xlsx" in page
    assert "overview_monthly" in page
    course_page = client.get(reverse("learners_reports:course") + f"?course={course_a[0].pk}")
    html = course_page.content.decode()
    assert html.count('role="img"') == 3  # funnel, modules, questions of the one quiz
    for name in ("course_modules", "course_activities", "course_quizzes", "quiz_questions"):
        assert f"/{name}/?course={course_a[0].pk}" in html
    learners = client.get(
        reverse("learners_reports:learners") + f"?course={course_a[0].pk}&sort=-progress"
    ).content.decode()
    cells = [learners.index(f"<td>{name}</td>") for name in ("Ana", "Bo", "Cy", "Di")]
    assert cells == sorted(cells)
    assert "sort=-progress" in learners
    assert "learner_list" in learners


# Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "start=2025-05-01&end=2025-01-01",
        "start=yesterday&end=2025-01-01",
        "start=2025-13-45",
        "end=%00",
    ],
)
def test_bad_dates_give_a_message(client, admin, course_a, query):
    client.force_login(admin)
    for name in ("overview", "breakdown"):
        response = client.get(reverse(f"learners_reports:{name}") + "?" + query)
        assert response.status_code == 200
        assert "report-error" in response.content.decode()
        assert "overview" not in response.context or response.context.get("overview") is None


def test_an_unknown_breakdown_or_sort_or_status_gives_a_message(client, admin, course_a):
    client.force_login(admin)
    course = course_a[0].pk
    for url in (
        reverse("learners_reports:breakdown") + "?by=shoe-size",
        reverse("learners_reports:learners") + f"?course={course}&sort=password",
        reverse("learners_reports:learners") + f"?course={course}&status=asleep",
        reverse("learners_reports:learners") + f"?course={course}&country=atlantis",
        reverse("learners_reports:learners") + f"?course={course}&p=banana",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "report-error" in response.content.decode() or "p=banana" in url, url


@pytest.mark.parametrize("course", ["999999", "abc", "", "-1"])
def test_an_unknown_course_is_a_404(client, admin, course):
    client.force_login(admin)
    for name in ("course", "learners"):
        response = client.get(reverse(f"learners_reports:{name}") + f"?course={course}")
        assert response.status_code == 404


def test_the_table_builders_refuse_bad_filters(admin):
    from django.http import Http404, QueryDict

    with pytest.raises(ReportError):
        TABLE_BUILDERS["overview_monthly"](admin, QueryDict("start=2025-02-01&end=2025-01-01"))
    with pytest.raises(ReportError):
        TABLE_BUILDERS["breakdown"](admin, QueryDict("by=nope"))
    with pytest.raises(Http404):
        TABLE_BUILDERS["course_modules"](admin, QueryDict("course=424242"))


# Scale: a fixed number of queries --------------------------------------------------------


def grow(course, lessons, quiz, n):
    """n more learners, each enrolled with two completions and a quiz attempt."""
    for _ in range(n):
        learner = UserFactory(country=country("Serbia"), organisation="Org")
        enrolment_request(learner=learner, course=course)
        for lesson in lessons[:2]:
            activity_complete(learner=learner, activity=lesson)
        take_quiz(learner, quiz, right=True)


def test_each_report_page_takes_a_fixed_number_of_queries(
    client, admin, course_a, django_capture_on_commit_callbacks
):
    course, lessons, quiz = course_a
    urls = [
        reverse("learners_reports:overview"),
        reverse("learners_reports:breakdown") + "?by=country",
        reverse("learners_reports:breakdown") + "?by=month",
        reverse("learners_reports:course") + f"?course={course.pk}",
        reverse("learners_reports:learners") + f"?course={course.pk}&sort=-score",
    ]
    client.force_login(admin)

    def counts():
        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result[url] = len(queries)
        return result

    with django_capture_on_commit_callbacks(execute=True):
        grow(course, lessons, quiz, 3)
    few = counts()
    with django_capture_on_commit_callbacks(execute=True):
        grow(course, lessons, quiz, 27)
    many = counts()
    assert few == many
    print("report page queries:", many)


def test_the_selectors_take_a_fixed_number_of_queries(
    admin, course_a, django_assert_max_num_queries
):
    course = course_a[0]
    start, end = statistics.default_range()
    courses = statistics.reportable_courses_for(admin)
    with django_assert_max_num_queries(6):
        statistics.overview_for(courses=courses, start=start, end=end, everyone=True)
    with django_assert_max_num_queries(1):
        statistics.breakdown_for(courses=courses, start=start, end=end, by="country")
    statistics.course_report_for(course=course)  # rolls up the quizzes' questions (eager)
    with django_assert_max_num_queries(10):  # whatever the number of quizzes
        statistics.course_report_for(course=course)


# Charts ----------------------------------------------------------------------------------


def test_charts_are_accessible_svg_with_escaped_labels():
    svg = charts.monthly_trend_svg([("2025-01", 3, 1), ("<script>", 0, 2)])
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert "<title>" in svg
    assert "<desc>" in svg
    assert "2025-01: 3 enrolments, 1 completions" in svg
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    funnel = charts.funnel_svg([("Enrolled", 4), ("Started", 3), ("Half-way", 2), ("Completed", 1)])
    assert "Completed: 1" in funnel
    modules = charts.module_completion_svg([("Module & co", 62.5), ("Empty", None)])
    assert "Module &amp; co: 62.5 %" in modules
    assert "Empty: —" in modules
    assert "http" not in charts.question_pass_rate_svg([]).replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_the_export_links_download_the_numbers_on_screen(client, dataset, admin, course_a):
    client.force_login(admin)
    page = client.get(reverse("learners_reports:course") + f"?course={course_a[0].pk}")
    modules = page.context["modules"]
    csv_url = dict(modules["exports"])["CSV"]
    response = client.get(csv_url)
    assert response.status_code == 200
    chunks = response.streaming_content if response.streaming else [response.content]
    body = b"".join(chunks).decode("utf-8-sig")
    first_module = modules["rows"][0]
    assert first_module[0] in body
    assert "62.5" in body


def test_the_course_report_says_how_fresh_its_per_question_figures_are(
    client, dataset, admin, course_a
):
    """Tasks run in-process here, so a stale roll-up is recomputed before the page shows."""
    course, _lessons, quiz = course_a
    a_while_ago = timezone.now() - datetime.timedelta(minutes=5)
    QuizAttempt.objects.exclude(submitted_at=None).update(
        submitted_at=a_while_ago, graded_at=a_while_ago
    )
    client.force_login(admin)
    url = reverse("learners_reports:course") + f"?course={course.pk}"
    html = client.get(url).content.decode()
    rollup = QuestionRollup.objects.get(quiz_key=quiz.translation_key)
    assert [row["attempts"] for row in rollup.summaries] == [3, 3]
    assert "Per-question figures as of" in html
    assert "Newer attempts are being counted" not in html


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # Serbian: c, č, ć, d, dž, đ … s, š … z, ž are letters of their own.
        ("sr-latn", ["Cvijeta", "Čedomir", "Ćamil", "Dragan", "Đorđe", "Sava", "Šefik", "Zoran"]),
        # Turkish: ç after c, ğ after g, ı before i, ö after o, ş after s, ü after u.
        ("tr", ["Cem", "Çiğdem", "Ilgaz", "İlker", "Oya", "Ömer", "Sena", "Şule"]),
    ],
)
def test_names_sort_by_the_rules_of_the_interface_language(catalogue, language, expected):
    course, _lessons = course_with_lessons(catalogue, modules=1, title="Names")
    for name in reversed(expected):
        enrolment_request(learner=UserFactory(display_name=name), course=course)
    with translation.override(language):
        listing = statistics.learner_list_for(course=course, sort="name", filters={})
        assert [statistics.learner_public_name(r) for r in listing.rows] == expected
        backwards = statistics.learner_list_for(course=course, sort="-name", filters={})
        assert [statistics.learner_public_name(r) for r in backwards.rows] == expected[::-1]


def test_the_course_report_breaks_the_course_down_by_the_language_used(dataset, course_a):
    course = course_a[0]
    # "Cy" did their lesson in the Serbian translation: still the same course.
    ActivityCompletion.objects.filter(enrolment__learner__display_name="Cy").update(language="sr")
    report = statistics.course_report_for(course=course)
    assert report.enrolled == 4
    rows = [(row.code, row.learners, row.completions) for row in report.languages]
    assert rows == [("en", 2, 8), ("sr", 1, 1)]
    assert report.languages[1].name == "Serbian (Cyrillic)"
