"""Low bandwidth: what a learner on a slow, metered connection downloads.

The journeys measure the lesson page's own weight, check that pages come compressed and that
images are responsive and lazy, run once without JavaScript, and refuse any request to
another host. Here: static files as production serves them (hashed names, long cache
lifetimes, compressed), and a lesson's video, which must cost nothing until it is played.
"""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import expect

from tests.factories.pages import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    make_site,
)

YEAR = 365 * 24 * 3600


def test_static_files_have_hashed_names_long_cache_lifetimes_and_compression(settings, tmp_path):
    """As in production: ``collectstatic`` with WhiteNoise's compressed manifest storage,
    then the files served by WhiteNoise's middleware (the live server used by the journeys
    serves static files itself, from the source folders, without either)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)

    url = staticfiles_storage.url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url), url
    client = Client()  # a new client loads the middleware, so WhiteNoise sees these files
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] in {"gzip", "br"}
    assert "Accept-Encoding" in response["Vary"]
    cache = response["Cache-Control"]
    assert "immutable" in cache, cache
    assert "public" in cache, cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= YEAR, cache
    compressed = b"".join(response.streaming_content)
    assert len(compressed) < (settings.STATIC_ROOT / url.removeprefix("/static/")).stat().st_size

    # The unhashed name still answers, but may change: it is cached briefly, not for a year.
    plain = client.get("/static/css/site.css", HTTP_ACCEPT_ENCODING="gzip")
    assert plain.status_code == 200
    assert "immutable" not in plain["Cache-Control"], plain["Cache-Control"]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lesson_video_costs_nothing_until_the_learner_plays_it(journey, stub_videos):
    """The embed's <iframe> carries loading="lazy" (``courses.templatetags``), so Chromium
    waits until the closed "Play the video (uses data)" box is opened."""
    stub_videos("https://video.invalid/embed/")  # a third-party host, as YouTube's would be
    _home, catalogue = make_site()
    course = CoursePageFactory(parent=catalogue, title="Video course")
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        is_preview=True,
        body=[
            {"type": "rich_text", "value": "<p>Watch the talk, or read its transcript.</p>"},
            {
                "type": "video",
                "value": {
                    "video": "https://video.invalid/watch?v=talk",
                    "title": "Freedom from fear",
                    "transcript": "<p>A short talk on freedom from fear.</p>",
                },
            },
        ],
    )
    page = journey.new_page()
    page.goto(lesson.url)
    expect(page.get_by_text("A short talk on freedom from fear.")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert journey.foreign_requests() == [], "the video was fetched before it was played"

    # Opening the box loads the player (waiting for that request: the page's load state,
    # reached long before, would not wait for it).
    with page.expect_request(lambda request: "video.invalid/embed/talk" in request.url):
        page.get_by_text("Play the video (uses data)").click()
    expect(page.locator(".video-embed iframe")).to_be_visible()
    assert any("video.invalid/embed/talk" in url for url in journey.foreign_requests())
