# ruff: noqa: S311 - random choices simulate learners, nothing secret.
"""Locust users for bench/load.py: logged-in, enrolled learners against 127.0.0.1 only.

``LearnerMix`` is the realistic mix (think time LOAD_WAIT seconds, "1-3" by default);
``Isolated`` requests one page (LOAD_ENDPOINT: about, course, lesson, catalogue, dashboard)
without think time, to measure a page's throughput on its own. Targets (URLs, accounts) come
from the JSON file LOAD_TARGETS written by bench/load.py.

A GET counts as an error unless it answers 200; a POST unless it answers with the redirect
that follows success (302; the attempt review after a submit). Redirects are not followed
automatically, so each request is timed on its own. Statistics count from the moment the
last user has logged in.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from html import unescape
from html.parser import HTMLParser

import gevent.event
from locust import FastHttpUser, between, constant, task

TARGETS = json.loads(open(os.environ["LOAD_TARGETS"]).read())  # noqa: SIM115
LEARNERS = itertools.count()
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WAIT = [float(x) for x in os.environ.get("LOAD_WAIT", "1-3").split("-")]
# Measuring starts when the last of LOAD_USERS users has logged in: the statistics are reset
# then, and every user waits for that moment before its first task. Logging in (a password
# hash per user) is not part of any figure.
EXPECTED_USERS = int(os.environ.get("LOAD_USERS", "1"))
ALL_LOGGED_IN = gevent.event.Event()
LOGGED_IN = itertools.count(1)


class AttemptForm(HTMLParser):
    """The fields of the quiz attempt form, answered at random like a hurried learner."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.choices: dict[str, list[tuple[str, str]]] = {}
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.options: list[str] = []
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "quiz-form" in (a.get("class") or ""):
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.choices.setdefault(name, []).append((kind, a.get("value", "")))
            elif kind == "hidden":
                self.fields.append((name, a.get("value", "")))
            elif kind == "text":
                self.fields.append((name, random.choice(["3", "human security", "42"])))
        elif tag == "select" and name:
            self.select, self.options = name, []
        elif tag == "option" and self.select is not None and a.get("value"):
            self.options.append(a["value"])
        elif tag == "textarea" and name:
            self.fields.append((name, "Security that starts from people's everyday lives."))

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            if self.options:
                self.fields.append((self.select, random.choice(self.options)))
            self.select = None
        elif tag == "form":
            self.inside = False

    def data(self) -> list[tuple[str, str]]:
        answers = list(self.fields)
        for name, options in self.choices.items():
            if options[0][0] == "radio":
                answers.append((name, random.choice(options)[1]))
            else:
                picked = random.sample(options, k=random.randint(1, len(options)))
                answers += [(name, value) for _kind, value in picked]
        return [*answers, ("action", "submit")]


class Learner(FastHttpUser):
    abstract = True
    csrf = ""

    def on_start(self):
        accounts = TARGETS["learners"]
        self.email = accounts[next(LEARNERS) % len(accounts)]
        self.get("/accounts/login/", "login page")
        response = self.post(
            "/accounts/login/",
            "login",
            {"login": self.email, "password": TARGETS["password"]},
            expect="/learn/",
        )
        if response is None:
            raise RuntimeError(f"could not log in as {self.email}")
        if next(LOGGED_IN) == EXPECTED_USERS:
            self.environment.runner.stats.reset_all()
            ALL_LOGGED_IN.set()
        ALL_LOGGED_IN.wait(timeout=180)

    # Requests, with their own success checks ---------------------------------------------

    def get(self, path: str, name: str):
        with self.client.get(
            path, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"GET {path}: {response.status_code}")
                return None
            text = response.text or ""
            if match := CSRF.search(text):
                self.csrf = unescape(match.group(1))
            return text

    def post(self, path: str, name: str, data, *, expect: str = ""):
        if isinstance(data, dict):
            data = list(data.items())
        data = [*data, ("csrfmiddlewaretoken", self.csrf)]
        with self.client.post(
            path,
            name=name,
            data=_encode(data),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.host + path,
            },
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or (expect and expect not in location):
                response.failure(f"POST {path}: {response.status_code} -> {location!r}")
                return None
            return location

    # What a learner does --------------------------------------------------------------------

    def catalogue(self):
        params = []
        if random.random() < 0.7:
            params.append(("q", random.choice(TARGETS["terms"])))
        if TARGETS["themes"] and random.random() < 0.6:
            params.append(("theme", random.choice(TARGETS["themes"])))
        if TARGETS["levels"] and random.random() < 0.3:
            params.append(("level", random.choice(TARGETS["levels"])))
        query = "&".join(f"{k}={v.replace(' ', '+')}" for k, v in params)
        self.get(TARGETS["catalogue"] + ("?" + query if query else ""), "catalogue")

    def course(self):
        self.get(TARGETS["course"], "course")

    def lesson(self):
        self.get(random.choice(TARGETS["lessons"]), "lesson")

    def complete(self):
        lesson = random.choice(TARGETS["lessons"])
        if self.get(lesson, "lesson") is not None:
            self.post(lesson + "complete/", "lesson complete", {})

    def quiz(self):
        quiz = random.choice(TARGETS["quizzes"])
        if self.get(quiz, "quiz page") is None:
            return
        attempt = self.post(quiz + "start/", "quiz start", {}, expect="/attempt/")
        if attempt is None:
            return
        page = self.get(attempt, "quiz attempt page")
        if page is None:
            return
        form = AttemptForm()
        form.feed(page)
        review = self.post(attempt, "quiz submit", form.data(), expect="/review/")
        if review is not None:
            self.get(review, "quiz review")

    def dashboard(self):
        self.get("/learn/", "dashboard")

    def about(self):
        self.get(TARGETS["about"], "about")


def _encode(pairs) -> str:
    from urllib.parse import urlencode

    return urlencode(pairs)


class LearnerMix(Learner):
    wait_time = between(WAIT[0], WAIT[-1])

    @task(3)
    def t_catalogue(self):
        self.catalogue()

    @task(3)
    def t_course(self):
        self.course()

    @task(4)
    def t_lesson(self):
        self.lesson()

    @task(1)
    def t_complete(self):
        self.complete()

    @task(1)
    def t_quiz(self):
        self.quiz()

    @task(2)
    def t_dashboard(self):
        self.dashboard()


class Isolated(Learner):
    wait_time = constant(0)

    @task
    def one_page(self):
        getattr(self, os.environ.get("LOAD_ENDPOINT", "about"))()
