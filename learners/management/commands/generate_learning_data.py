"""Generate synthetic learning data at scale, for load tests and the reports benchmark.

``python manage.py generate_learning_data --learners 100000 --courses 20 --seed 1``

Courses are real Wagtail pages (course → modules → lessons and one quiz per module) under the
catalogue; learners, enrolments, completed activities and quiz attempts are written in bulk:
PostgreSQL gets ``COPY`` (psycopg's ``cursor.copy()``) with ids reserved from the tables'
sequences, other databases ``bulk_create(batch_size=5000)``. Learners are generated in chunks
so memory stays flat whatever ``--learners`` is. Every learner has an unusable password,
computed once. The same ``--seed`` on an empty database gives the same rows (timestamps are
relative to today's midnight, UTC). Refuses to run when ``DEMO_DATA_ALLOWED`` is off, as in
production.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime
import json
import logging
import random
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from courses.models import (
    ActivityCompletion,
    Country,
    CourseIndexPage,
    CoursePage,
    CourseTrainer,
    Enrolment,
    LessonPage,
    Level,
    ModulePage,
)
from quizzes.gift import parse_gift
from quizzes.gift_import import questions_to_stream_data
from quizzes.models import QuizAttempt, QuizPage

BATCH_SIZE = 5000
LEARNER_CHUNK = 5000
EMAIL_DOMAIN = "load.example.org"
COURSE_SLUG_PREFIX = "load-course-"
HISTORY_DAYS = 548  # about 18 months

FIRST_NAMES = (
    "Amra",
    "Adnan",
    "Lejla",
    "Emir",
    "Selma",
    "Haris",
    "Ajla",
    "Tarik",
    "Mirela",
    "Dino",
    "Ana",
    "Marko",
    "Jelena",
    "Nikola",
    "Milica",
    "Stefan",
    "Ivana",
    "Luka",
    "Teodora",
    "Filip",
    "Maja",
    "Petar",
    "Sara",
    "Vuk",
    "Arben",
    "Blerta",
    "Drita",
    "Liridon",
    "Vlora",
    "Ardit",
    "Elira",
    "Besnik",
    "Mimoza",
    "Dritan",
    "Ivaylo",
    "Desislava",
    "Georgi",
    "Mariya",
    "Kalin",
    "Radostina",
    "Ayşe",
    "Mehmet",
    "Elif",
    "Can",
    "Zeynep",
    "Emre",
    "Deniz",
    "Burak",
    "Selin",
    "Murat",
    "Nermina",
    "Kenan",
    "Dragana",
    "Bojan",
)
LAST_NAMES = (
    "Hodžić",
    "Begović",
    "Kovačević",
    "Hadžić",
    "Mehmedović",
    "Jovanović",
    "Petrović",
    "Nikolić",
    "Marković",
    "Đorđević",
    "Popović",
    "Stojanović",
    "Krasniqi",
    "Gashi",
    "Berisha",
    "Morina",
    "Hoxha",
    "Shala",
    "Ivanov",
    "Georgiev",
    "Dimitrova",
    "Petrova",
    "Todorov",
    "Yılmaz",
    "Kaya",
    "Demir",
    "Şahin",
    "Çelik",
    "Öztürk",
    "Arslan",
    "Vuković",
    "Radović",
    "Šarić",
    "Delić",
    "Mustafić",
    "Bajramović",
    "Mitrović",
    "Ilić",
    "Kuqi",
    "Dimitrov",
    "Stoyanova",
    "Aydın",
    "Koç",
)
ORGANISATION_KINDS = (
    "Youth Initiative for Human Rights",
    "Centre for Civic Education",
    "Citizens' Association for Dialogue",
    "Women's Rights Centre",
    "Centre for Nonviolent Action",
    "Institute for Security Policy",
    "Roma Education Fund Office",
    "Helsinki Committee for Human Rights",
    "Local Democracy Agency",
    "Association for Social Inclusion",
    "Peace and Reconciliation Network",
    "Legal Aid Centre",
    "Investigative Reporting Lab",
    "Community Police Forum",
    "Student Union",
)
CITIES = (
    "Sarajevo",
    "Mostar",
    "Tuzla",
    "Banja Luka",
    "Belgrade",
    "Novi Sad",
    "Niš",
    "Pristina",
    "Prizren",
    "Mitrovica",
    "Podgorica",
    "Nikšić",
    "Sofia",
    "Plovdiv",
    "Varna",
    "Istanbul",
    "Ankara",
    "Izmir",
    "Diyarbakır",
)
# Learners' countries, weighted; the rest give none.
COUNTRY_WEIGHTS = {
    "bosnia-and-herzegovina": 24,
    "serbia": 22,
    "kosovo": 14,
    "turkey": 14,
    "bulgaria": 10,
    "montenegro": 8,
}
NO_COUNTRY_SHARE = 0.08
NO_ORGANISATION_SHARE = 0.25
LANGUAGES = ("en", "en", "en", "sr-latn", "bs", "tr", "sq", "bg")
COURSE_TOPICS = (
    "Human security",
    "Community policing",
    "Dealing with the past",
    "Social inclusion",
    "Organised crime and everyday insecurity",
    "Facilitating dialogue",
    "Gender and security",
    "Monitoring public institutions",
    "Media literacy",
    "Youth participation",
)
QUIZ_GIFT = """
::Q1:: Which of these is one of the three freedoms of human security?
{=Freedom from fear ~Freedom of trade ~Freedom of navigation}

::Q2:: Who is human security primarily about?
{=People in their everyday lives ~States and their borders ~Armed forces}

::Q3:: What does a community safety plan start from?
{=Residents' own priorities ~The police budget ~National statistics only}
"""
# Enrolments per learner (1–4) and enrolment statuses, weighted.
ENROLMENTS_PER_LEARNER = ((1, 2, 3, 4), (50, 30, 13, 7))
STATUSES = (
    (
        Enrolment.Status.ACTIVE,
        Enrolment.Status.PENDING,
        Enrolment.Status.WAITLISTED,
        Enrolment.Status.DECLINED,
        Enrolment.Status.WITHDRAWN,
    ),
    (85, 4, 3, 3, 5),
)
# Progress of active enrolments: not started, partway, completed.
PROGRESS = (("none", "partial", "done"), (25, 50, 25))


@dataclass
class Activity:
    page_id: int
    key: uuid.UUID
    title: str
    quiz: dict | None = None  # per-quiz precomputed attempt data, for quizzes


@dataclass
class CourseInfo:
    page_id: int
    activities: list[Activity] = field(default_factory=list)


class Writer:
    """Inserts rows, given as dicts of attribute names, with ids allocated up front."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.next_id: dict[type[models.Model], int] = {}
        self.counts: dict[str, int] = {}

    def reserve_ids(self, model: type[models.Model], count: int) -> list[int]:
        if count == 0:
            return []
        table = model._meta.db_table
        if self.postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [row[0] for row in cursor.fetchall()]
        if model not in self.next_id:
            latest = model.objects.aggregate(m=models.Max("id"))["m"] or 0
            self.next_id[model] = latest + 1
        start = self.next_id[model]
        self.next_id[model] = start + count
        return list(range(start, start + count))

    def write(self, model: type[models.Model], rows: list[dict]) -> None:
        if not rows:
            return
        name = model._meta.label
        self.counts[name] = self.counts.get(name, 0) + len(rows)
        if not self.postgres:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH_SIZE)
            return
        fields = model._meta.concrete_fields
        columns = [f.column for f in fields]
        defaults = {f.attname: f.get_default() for f in fields}
        json_fields = {f.attname for f in fields if isinstance(f, models.JSONField)}
        table = connection.ops.quote_name(model._meta.db_table)
        column_list = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    values = []
                    for f in fields:
                        value = row.get(f.attname, defaults[f.attname])
                        if f.attname in json_fields and value is not None:
                            value = json.dumps(value)
                        values.append(value)
                    copy.write_row(values)


class Command(BaseCommand):
    help = (
        "Generate synthetic courses, learners, enrolments, progress and quiz attempts in bulk "
        "(for load tests and benchmarks). Refuses to run in production."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, required=True)
        parser.add_argument("--courses", type=int, required=True)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, learners: int, courses: int, seed: int, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "generate_learning_data refuses to run with these settings (DEMO_DATA_ALLOWED "
                "is off, as in production)."
            )
        if learners < 0 or courses < 1:
            raise CommandError("--learners must be 0 or more and --courses at least 1.")
        started = time.monotonic()
        rng = random.Random(seed)
        self.today = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
        self.writer = Writer()

        # Wagtail logs every page created at INFO: hundreds of lines.
        wagtail_logger = logging.getLogger("wagtail")
        level = wagtail_logger.level
        wagtail_logger.setLevel(logging.WARNING)
        try:
            with transaction.atomic():
                course_infos = self.create_courses(rng, courses)
        finally:
            wagtail_logger.setLevel(level)
        pages_done = time.monotonic()
        self.stdout.write(
            f"{len(course_infos)} courses with "
            f"{sum(len(c.activities) for c in course_infos)} activities "
            f"in {pages_done - started:.1f} s"
        )
        with explicit_timestamps():
            self.create_learning(rng, learners, course_infos)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (get_user_model(), Enrolment, ActivityCompletion, QuizAttempt):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        elapsed = time.monotonic() - started
        for name, count in self.writer.counts.items():
            self.stdout.write(f"  {name:<32} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {learners:,} learners and {courses} courses in {elapsed:.1f} s "
                f"(pages {pages_done - started:.1f} s, "
                f"rows {elapsed - (pages_done - started):.1f} s)."
            )
        )

    # Courses: real pages --------------------------------------------------------------------

    def catalogue(self) -> CourseIndexPage:
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            from cms.demo import link_catalogue, seed_site
            from courses.demo import seed_catalogue

            home = seed_site()
            catalogue = seed_catalogue(home=home)
            link_catalogue(home=home, catalogue=catalogue)
        return catalogue

    @staticmethod
    def key(rng: random.Random) -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def create_courses(self, rng: random.Random, count: int) -> list[CourseInfo]:
        catalogue = self.catalogue()
        levels = list(Level.objects.order_by("pk"))
        countries = list(Country.objects.order_by("pk"))
        questions = parse_gift(QUIZ_GIFT).questions
        existing = CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX).count()
        infos = []
        for number in range(existing + 1, existing + count + 1):
            topic = COURSE_TOPICS[(number - 1) % len(COURSE_TOPICS)]
            title = f"{topic} {number}"
            course = CoursePage(
                title=title,
                slug=f"{COURSE_SLUG_PREFIX}{number}",
                translation_key=self.key(rng),
                summary=f"A generated course on {topic.lower()} for load testing.",
                description=f"<p>Generated course about {topic.lower()}.</p>",
                effort_hours=rng.randint(2, 20),
                level=rng.choice(levels) if levels else None,
                language=rng.choice(LANGUAGES),
                enrolment_mode=CoursePage.EnrolmentMode.APPLICATION
                if number % 5 == 0
                else CoursePage.EnrolmentMode.OPEN,
            )
            course.countries = rng.sample(countries, k=min(2, len(countries)))
            course.trainers = [CourseTrainer(name="Generated Trainer", organisation="Network")]
            catalogue.add_child(instance=course)
            info = CourseInfo(page_id=course.pk)
            for m in range(1, rng.choice((3, 3, 4)) + 1):
                module = ModulePage(
                    title=f"Module {m}", slug=f"module-{m}", translation_key=self.key(rng)
                )
                course.add_child(instance=module)
                for n in range(1, rng.randint(3, 5) + 1):
                    lesson = LessonPage(
                        title=f"Lesson {m}.{n}",
                        slug=f"lesson-{m}-{n}",
                        translation_key=self.key(rng),
                        estimated_minutes=rng.choice((5, 10, 15, 20)),
                        body=[{"type": "rich_text", "value": "<p>Generated lesson.</p>"}],
                    )
                    module.add_child(instance=lesson)
                    info.activities.append(
                        Activity(lesson.pk, lesson.translation_key, lesson.title)
                    )
                quiz = QuizPage(
                    title=f"Module {m} quiz",
                    slug=f"module-{m}-quiz",
                    translation_key=self.key(rng),
                    pass_mark=60,
                    questions=questions_to_stream_data(questions),
                )
                module.add_child(instance=quiz)
                info.activities.append(
                    Activity(quiz.pk, quiz.translation_key, quiz.title, quiz=quiz_outcomes(quiz))
                )
            infos.append(info)
        return infos

    # Learners and their learning: bulk rows --------------------------------------------------

    def create_learning(self, rng: random.Random, count: int, courses: list[CourseInfo]) -> None:
        User = get_user_model()
        password = make_password(None)  # once: hashing per learner would take hours
        country_ids = dict(
            Country.objects.filter(slug__in=COUNTRY_WEIGHTS).values_list("slug", "pk")
        )
        country_choices = [country_ids[s] for s in COUNTRY_WEIGHTS if s in country_ids]
        country_weights = [COUNTRY_WEIGHTS[s] for s in COUNTRY_WEIGHTS if s in country_ids]
        organisations = [f"{kind}, {city}" for kind in ORGANISATION_KINDS for city in CITIES]
        rng.shuffle(organisations)
        # A few organisations send many people, most send a few (Zipf-like).
        org_weights = [1 / (rank + 1) for rank in range(len(organisations))]
        org_cumulative = _cumulative(org_weights)
        # Courses differ in popularity too.
        course_cumulative = _cumulative([1 / (rank + 1) ** 0.7 for rank in range(len(courses))])
        first_existing = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").count()
        for start in range(0, count, LEARNER_CHUNK):
            size = min(LEARNER_CHUNK, count - start)
            with transaction.atomic():
                self.create_chunk(
                    rng,
                    first=first_existing + start,
                    size=size,
                    password=password,
                    courses=courses,
                    course_cumulative=course_cumulative,
                    countries=(country_choices, country_weights),
                    organisations=(organisations, org_cumulative),
                )
            if count > LEARNER_CHUNK:
                self.stdout.write(f"  {start + size:,}/{count:,} learners")

    def create_chunk(
        self,
        rng: random.Random,
        *,
        first: int,
        size: int,
        password: str,
        courses: list[CourseInfo],
        course_cumulative: list[float],
        countries: tuple[list[int], list[int]],
        organisations: tuple[list[str], list[float]],
    ) -> None:
        User = get_user_model()
        writer = self.writer
        user_ids = writer.reserve_ids(User, size)
        users, plans = [], []
        for offset, user_id in enumerate(user_ids):
            number = first + offset + 1
            first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            # More sign-ups recently: a growing programme.
            joined = self.today - datetime.timedelta(
                seconds=int(HISTORY_DAYS * 86400 * (1 - rng.random() ** 0.8))
            )
            country = (
                None
                if rng.random() < NO_COUNTRY_SHARE or not countries[0]
                else rng.choices(countries[0], weights=countries[1])[0]
            )
            organisation = (
                ""
                if rng.random() < NO_ORGANISATION_SHARE
                else organisations[0][_pick(rng, organisations[1])]
            )
            users.append(
                {
                    "id": user_id,
                    "password": password,
                    "email": f"learner{number}@{EMAIL_DOMAIN}",
                    "first_name": first_name,
                    "last_name": last_name,
                    "display_name": f"{first_name} {last_name}",
                    "country_id": country,
                    "organisation": organisation,
                    "preferred_language": settings.LANGUAGE_CODE,
                    "date_joined": joined,
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                }
            )
            how_many = rng.choices(*ENROLMENTS_PER_LEARNER)[0]
            chosen: list[int] = []
            while len(chosen) < min(how_many, len(courses)):
                index = _pick(rng, course_cumulative)
                if index not in chosen:
                    chosen.append(index)
            plans.append((user_id, joined, chosen))
        writer.write(User, users)

        enrolment_ids = iter(writer.reserve_ids(Enrolment, sum(len(p[2]) for p in plans)))
        enrolments, completions, attempts = [], [], []
        for user_id, joined, chosen in plans:
            for index in chosen:
                course = courses[index]
                enrolment_id = next(enrolment_ids)
                requested = joined + datetime.timedelta(
                    seconds=int((self.today - joined).total_seconds() * rng.random() ** 1.5)
                )
                status = rng.choices(*STATUSES)[0]
                row = {
                    "id": enrolment_id,
                    "learner_id": user_id,
                    "course_id": course.page_id,
                    "status": status,
                    "requested_at": requested,
                }
                progress = "none"
                if status in (Enrolment.Status.ACTIVE, Enrolment.Status.WITHDRAWN):
                    row["enrolled_at"] = min(
                        self.today, requested + datetime.timedelta(hours=rng.randint(0, 72))
                    )
                    progress = rng.choices(*PROGRESS)[0]
                    if status == Enrolment.Status.WITHDRAWN and progress == "done":
                        progress = "partial"
                if status == Enrolment.Status.DECLINED:
                    row["decided_at"] = requested + datetime.timedelta(days=rng.randint(1, 14))
                done = 0
                if progress == "partial":
                    done = rng.randint(1, len(course.activities) - 1)
                elif progress == "done":
                    done = len(course.activities)
                moment = row.get("enrolled_at")
                for activity in course.activities[:done]:
                    moment = min(
                        self.today,
                        moment + datetime.timedelta(minutes=rng.randint(10, 60 * 24 * 6)),
                    )
                    if activity.quiz is not None:
                        attempts.extend(
                            quiz_attempts(rng, activity, user_id, enrolment_id, moment, passed=True)
                        )
                    completions.append(
                        {
                            "enrolment_id": enrolment_id,
                            "activity_key": activity.key,
                            "activity_id": activity.page_id,
                            "activity_title": activity.title,
                            "completed_at": moment,
                        }
                    )
                stopped_at_quiz = 0 < done < len(course.activities) and course.activities[done].quiz
                # Stopped at a quiz: some tried and failed.
                if stopped_at_quiz and rng.random() < 0.5:
                    attempts.extend(
                        quiz_attempts(
                            rng,
                            course.activities[done],
                            user_id,
                            enrolment_id,
                            min(self.today, moment + datetime.timedelta(hours=1)),
                            passed=False,
                        )
                    )
                if done:
                    row["last_activity_id"] = course.activities[done - 1].page_id
                    row["last_active_at"] = moment
                if progress == "done":
                    row["completed_at"] = moment
                if status == Enrolment.Status.WITHDRAWN:
                    row["withdrawn_at"] = min(
                        self.today,
                        (moment or requested) + datetime.timedelta(days=rng.randint(1, 30)),
                    )
                enrolments.append(row)
        writer.write(Enrolment, enrolments)
        for row, completion_id in zip(
            completions, writer.reserve_ids(ActivityCompletion, len(completions)), strict=True
        ):
            row["id"] = completion_id
        writer.write(ActivityCompletion, completions)
        for row, attempt_id in zip(
            attempts, writer.reserve_ids(QuizAttempt, len(attempts)), strict=True
        ):
            row["id"] = attempt_id
        writer.write(QuizAttempt, attempts)


@contextlib.contextmanager
def explicit_timestamps():
    """Let bulk_create keep the generated times of ``auto_now_add`` fields (it would set now)."""
    fields = [
        f
        for model in (Enrolment, ActivityCompletion, QuizAttempt)
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now_add", False)
    ]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def _pick(rng: random.Random, cumulative: list[float]) -> int:
    return min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(cumulative) - 1)


def quiz_outcomes(quiz: QuizPage) -> dict:
    """Graded-attempt fields for each number of right answers, computed once per quiz."""
    snapshot = quiz.question_list()
    max_score = sum(q["points"] for q in snapshot)
    outcomes = {}
    for right in range(len(snapshot) + 1):
        responses, results, score = {}, {}, 0.0
        for position, question in enumerate(snapshot):
            correct = position < right
            choices = sorted(question["choices"], key=lambda c: -c["credit"])
            responses[question["id"]] = choices[0 if correct else -1]["id"]
            points = question["points"] if correct else 0.0
            score += points
            results[question["id"]] = {
                "score": points,
                "correct": correct,
                "feedback": [],
                "comment": "",
            }
        percent = round(100 * score / max_score, 2) if max_score else 0
        outcomes[right] = {
            "responses": responses,
            "results": results,
            "score": score,
            "percent": percent,
            "passed": percent >= quiz.pass_mark,
        }
    return {
        "snapshot": snapshot,
        "max_score": max_score,
        "pass_mark": quiz.pass_mark,
        "policy": {
            "review_detail": quiz.review_detail,
            "review_when": quiz.review_when,
            "max_attempts": quiz.max_attempts,
            "grading_method": quiz.grading_method,
        },
        "outcomes": outcomes,
        "passing": [r for r, o in outcomes.items() if o["passed"]],
        "failing": [r for r, o in outcomes.items() if not o["passed"]],
    }


def quiz_attempts(
    rng: random.Random,
    activity: Activity,
    learner_id: int,
    enrolment_id: int,
    moment: datetime.datetime,
    *,
    passed: bool,
) -> list[dict]:
    """Graded attempts ending at ``moment``: failed tries, then a pass if ``passed``."""
    quiz = activity.quiz
    failures = rng.choices((0, 1, 2), weights=(70, 22, 8))[0] + (0 if passed else 1)
    rights = [rng.choice(quiz["failing"]) for _ in range(failures)]
    if passed:
        rights.append(rng.choice(quiz["passing"]))
    rows = []
    for number, right in enumerate(rights, start=1):
        submitted = moment - datetime.timedelta(minutes=15 * (len(rights) - number))
        outcome = quiz["outcomes"][right]
        rows.append(
            {
                "learner_id": learner_id,
                "enrolment_id": enrolment_id,
                "quiz_key": activity.key,
                "quiz_id": activity.page_id,
                "quiz_title": activity.title,
                "number": number,
                "status": QuizAttempt.Status.GRADED,
                "started_at": submitted - datetime.timedelta(minutes=rng.randint(3, 12)),
                "submitted_at": submitted,
                "graded_at": submitted,
                "snapshot": quiz["snapshot"],
                "pass_mark": quiz["pass_mark"],
                "policy": quiz["policy"],
                "max_score": quiz["max_score"],
                **outcome,
            }
        )
    return rows
