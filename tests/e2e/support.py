"""Helpers for the browser journeys: Chromium, axe-core, request recording, keyboard-only
driving and the other checks the journeys share.

The journeys drive Debian's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``) through
Playwright for Python against pytest-django's ``live_server``; axe-core comes from the npm
registry into ``tests/e2e/node_modules`` (``make e2e-deps``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from wagtail.embeds.finders.base import EmbedFinder

from learners.demo import DEMO_PASSWORD as PASSWORD

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = E2E_DIR.parent.parent / "test-artifacts"  # gitignored

# WCAG 2.1 A and AA rules; a violation of impact "serious" or "critical" fails the journey.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
#: Every page axe checked in this run: (url, blocking violations, other violations).
AXE_LOG: list[tuple[str, list[str], list[str]]] = []

NEW_PASSWORD = "walk-the-neighbourhood-2026"  # for accounts a journey signs up


def missing_requirements() -> list[str]:
    """What the browser journeys need and this machine lacks, each with how to get it."""
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append('Playwright for Python (pip install -e ".[dev]")')
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
        CHROMIUM
    ):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    if not AXE_JS.is_file():
        missing.append("axe-core in tests/e2e/node_modules (make e2e-deps)")
    return missing


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# Video embeds without the network -------------------------------------------------------


class StubVideoFinder(EmbedFinder):
    """Answers for ``https://video.invalid/watch?v=ID`` the way YouTube's oEmbed would, with
    an iframe on ``embed_base`` + ID; the test machines have no network to ask a real one."""

    def __init__(self, embed_base: str = "https://video.invalid/embed/", **options):
        super().__init__(**options)
        self.embed_base = embed_base

    def accept(self, url: str) -> bool:
        return url.startswith("https://video.invalid/watch?v=")

    def find_embed(self, url: str, max_width=None, max_height=None) -> dict:
        video_id = url.rsplit("=", 1)[-1]
        html = (
            f'<iframe width="480" height="270" src="{self.embed_base}{video_id}" '
            'frameborder="0" allow="encrypted-media; picture-in-picture" allowfullscreen '
            f'title="Video {video_id}"></iframe>'
        )
        return {
            "title": f"Video {video_id}",
            "type": "video",
            "provider_name": "Stub video",
            "width": 480,
            "height": 270,
            "html": html,
        }


# Recording requests ----------------------------------------------------------------------


@dataclass
class Journey:
    """The browser contexts of one journey, on one live server.

    Every request of every page is recorded; a request to any other origin is aborted before
    it leaves the browser (so an offline machine does not wait for it) and fails the journey
    in ``finish``.
    """

    browser: object
    base_url: str
    name: str
    #: (method, resource type, url, url of the frame that made it) of every request
    requests: list[tuple[str, str, str, str]] = field(default_factory=list)
    contexts: list = field(default_factory=list)

    def new_page(self, **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = self.browser.new_context(base_url=self.base_url, **options)
        context.set_default_timeout(15_000)
        context.on("request", self._record)
        context.route(self.is_foreign, lambda route: route.abort("blockedbyclient"))
        self.contexts.append(context)
        return context.new_page()

    def _record(self, request) -> None:
        referrer = request.frame.url if request.frame else ""
        self.requests.append((request.method, request.resource_type, request.url, referrer))

    def is_foreign(self, url: str) -> bool:
        scheme = urlsplit(url).scheme
        return scheme in {"http", "https", "ws", "wss"} and origin(url) != origin(self.base_url)

    def foreign_requests(self) -> list[str]:
        return [
            f"{url} ({kind}, from {referrer})"
            for _method, kind, url, referrer in self.requests
            if self.is_foreign(url)
        ]

    def finish(self, page, label: str) -> Path:
        """The journey's last page as a screenshot artefact, then the third-party check."""
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{label}.png"
        page.screenshot(path=str(path), full_page=True)
        assert_no_foreign_requests(self)
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        self.contexts.clear()


def assert_no_foreign_requests(journey: Journey) -> None:
    foreign = journey.foreign_requests()
    assert not foreign, f"{journey.name}: requests to other hosts:\n" + "\n".join(foreign)
    assert journey.requests, f"{journey.name}: no request was recorded at all"


# Accessibility ---------------------------------------------------------------------------

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + ": " + n.failureSummary),
  }));
}"""


def axe_check(page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page; fail on serious or critical ones."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate(_AXE_RUN, AXE_TAGS)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    AXE_LOG.append(
        (
            page.url,
            [f"{v['impact']} {v['id']}" for v in blocking],
            [f"{v['impact']} {v['id']}" for v in violations if v not in blocking],
        )
    )
    assert not blocking, f"axe on {page.url}:\n" + "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in blocking
    )
    return violations


# How visible the focused element's focus indicator is (WCAG 2.4.7, and 1.4.11 for its
# contrast): an outline or box-shadow at least 2px wide, one of whose colours has 3:1
# contrast with the background around the element.
_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(",").map((x) => parseFloat(x));
    return {rgb: p.slice(0, 3), alpha: p.length > 3 ? p[3] : 1};
  };
  const background = (node) => {
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.alpha > 0.5) return c.rgb;
    }
    return [255, 255, 255];
  };
  const style = getComputedStyle(el);
  const colours = [];
  let width = 0;
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
    width = Math.max(width, parseFloat(style.outlineWidth));
    colours.push(parse(style.outlineColor));
  }
  if (style.boxShadow && style.boxShadow !== "none") {
    for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
      const colour = parse(shadow);
      const numbers = shadow.replace(/rgba?\\([^)]*\\)/, "").match(/-?[\\d.]+px/g) || [];
      const spread = numbers.length > 3 ? parseFloat(numbers[3]) : 0;
      if (colour && spread > 0) { width = Math.max(width, spread); colours.push(colour); }
    }
  }
  // Outside the element (outline-offset >= 0) the indicator meets the parent's background.
  const around = background(el.parentElement || el);
  const label = (el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " "
    + (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40));
  return {label, width, colours: colours.filter(Boolean).map((c) => c.rgb), around};
}"""


def _luminance(rgb) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def assert_visible_focus(page) -> str:
    focus = page.evaluate(_FOCUS_STYLE)
    assert focus is not None, f"nothing has the focus on {page.url}"
    best = max((contrast(c, focus["around"]) for c in focus["colours"]), default=0)
    where = f"focus on {focus['label']!r} ({page.url})"
    assert focus["width"] >= 2, f"{where}: indicator {focus['width']}px wide"
    assert best >= 3, f"{where}: best contrast {best:.2f}:1 against {focus['around']}"
    return focus["label"]


# Images ----------------------------------------------------------------------------------

_IMAGES = """(images) => images.map((img) => ({
  src: img.getAttribute("src"), srcset: img.getAttribute("srcset") || "",
  sizes: img.getAttribute("sizes") || "", loading: img.getAttribute("loading"),
  width: img.getAttribute("width"), height: img.getAttribute("height"),
  alt: img.getAttribute("alt"), cover: img.classList.contains("course-cover"),
}))"""


def assert_responsive_images(page) -> int:
    """Every image in the page's content offers sizes to choose from (``srcset`` with
    widths, and ``sizes``), reserves its space (``width``/``height``), has an ``alt``, and
    loads lazily; but for a course page's cover, the first thing in view and its largest
    paint, which loads at once. Returns how many images there were."""
    images = page.locator("main img").evaluate_all(_IMAGES)
    for image in images:
        assert len(re.findall(r"\s\d+w\b", image["srcset"])) >= 2, image
        assert image["sizes"].strip(), image
        assert image["width"], image
        assert image["height"], image
        assert image["alt"] is not None, image
        if not image["cover"]:
            assert image["loading"] == "lazy", image
    return len(images)


# Driving a page with the mouse or with the keyboard only -----------------------------------


class Mouse:
    """Clicks and fills like a pointer user (Playwright's default actions)."""

    name = "mouse"

    def __init__(self, page):
        self.page = page

    def click(self, locator) -> None:
        locator.click()

    def fill(self, locator, text: str) -> None:
        locator.fill(text)

    def check(self, locator) -> None:
        locator.check()

    def choose(self, radio) -> None:
        radio.check()

    def select(self, locator, label: str) -> None:
        locator.select_option(label=label)


class Keyboard:
    """Reaches every control with Tab and works it with Enter, Space, arrows and typing: never
    a click. Each element reached must show a visible focus indicator."""

    name = "keyboard"
    MAX_TABS = 120

    def __init__(self, page):
        self.page = page
        self.focused: list[str] = []

    def _has_focus(self, locator) -> bool:
        return locator.evaluate_all("(els) => els.includes(document.activeElement)")

    def focus(self, locator) -> None:
        """Press Tab until one of the elements ``locator`` matches has the focus."""
        locator.first.wait_for(state="attached")
        if self._has_focus(locator):
            return
        for _ in range(self.MAX_TABS):
            self.page.keyboard.press("Tab")
            if self._has_focus(locator):
                self.focused.append(assert_visible_focus(self.page))
                return
        raise AssertionError(f"{locator} not reached with {self.MAX_TABS} Tab presses")

    def click(self, locator) -> None:
        self.focus(locator)
        self.page.keyboard.press("Enter")

    def fill(self, locator, text: str) -> None:
        self.focus(locator)
        self.page.keyboard.press("ControlOrMeta+a")
        self.page.keyboard.type(text)

    def check(self, locator) -> None:
        self.focus(locator)
        if not locator.is_checked():
            self.page.keyboard.press("Space")
        assert locator.is_checked()

    def choose(self, radio) -> None:
        """Tab into the radio group, then arrow to the radio (arrows select as they move)."""
        name = radio.get_attribute("name")
        group = self.page.locator(f"input[type=radio][name='{name}']")
        self.focus(group)
        for _ in range(group.count()):
            if self._has_focus(radio):
                break
            self.page.keyboard.press("ArrowDown")
        assert self._has_focus(radio), f"could not arrow to {radio}"
        if not radio.is_checked():
            self.page.keyboard.press("Space")
        assert radio.is_checked()

    def select(self, locator, label: str) -> None:
        """Arrow through a closed select from its first option to the one labelled ``label``."""
        self.focus(locator)
        self.page.keyboard.press("Home")
        options = locator.locator("option")
        for _ in range(options.count()):
            current = locator.evaluate("(s) => s.options[s.selectedIndex].text.trim()")
            if current == label:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"option {label!r} not reached in {locator}")


def driver_for(kind: str, page):
    return {"mouse": Mouse, "keyboard": Keyboard}[kind](page)


# Logging in ------------------------------------------------------------------------------


def field_label(text: str) -> re.Pattern:
    """A field's label on the site's own forms, with or without Django's trailing colon."""
    return re.compile(rf"^{re.escape(text)}:?$")


def log_in(page, email: str, password: str = PASSWORD, *, next_url: str = "") -> None:
    """Log in on the site's own login page (allauth)."""
    page.goto(f"/accounts/login/?next={next_url}" if next_url else "/accounts/login/")
    page.get_by_label(field_label("Email")).fill(email)
    page.get_by_label(field_label("Password")).fill(password)
    page.get_by_role("button", name="Sign in").click()


def admin_log_in(page, email: str, password: str = PASSWORD) -> None:
    """Log in on the Wagtail admin's sign-in page."""
    page.goto("/admin/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main menu").wait_for()


# Quizzes ---------------------------------------------------------------------------------


def question_group(page, number: int):
    """The fieldset of question ``number`` on an attempt page (its legend starts with it)."""
    return page.get_by_role("group", name=re.compile(rf"^Question {number} \("))


def answer_quiz(page, ui, snapshot: list[dict], *, right: bool) -> None:
    """Answer every question of an attempt through the form, all right or all wrong.

    The attempt's snapshot (read from the database) tells which answers are right.
    """
    for number, question in enumerate(snapshot, start=1):
        group = question_group(page, number)
        kind = question["type"]
        if kind == "single_choice":
            choices = sorted(question["choices"], key=lambda c: c["credit"])
            pick = choices[-1] if right else choices[0]
            ui.choose(group.get_by_label(pick["text"], exact=True))
        elif kind == "multiple_response":
            for choice in question["choices"]:
                if (choice["credit"] > 0) == right:
                    ui.check(group.get_by_label(choice["text"], exact=True))
        elif kind == "true_false":
            value = question["answer"] if right else not question["answer"]
            ui.choose(group.get_by_label("True" if value else "False", exact=True))
        elif kind == "short_answer":
            best = max(question["answers"], key=lambda a: a["credit"])
            ui.fill(group.get_by_label("Your answer"), best["text"] if right else "no idea")
        elif kind == "numerical":
            best = max(question["answers"], key=lambda a: a["credit"])
            value = best["value"] if best["value"] is not None else best["min"]
            ui.fill(group.get_by_label("Your answer (a number)"), f"{value:g}" if right else "-7")
        elif kind == "matching":
            answers = [pair["answer"] for pair in question["pairs"]]
            for index, pair in enumerate(question["pairs"]):
                answer = pair["answer"] if right else answers[(index + 1) % len(answers)]
                ui.select(group.get_by_label(pair["prompt"], exact=True), answer)
        elif kind == "essay":
            ui.fill(group.get_by_label("Your answer"), "A short essay answer.")
        else:  # pragma: no cover - a new question type needs a line here
            raise AssertionError(f"no way to answer a {kind} question")
