"""The site in the network's languages: URLs with the language, the switcher keeping the page,
translated courses, Serbian in both scripts, and one course across its translations."""

import re

from django.urls import reverse
from wagtail.models import Locale

from cms.scripts import SerbianScriptMiddleware
from cms.transliteration import cyrillic_to_latin, detect_script
from courses.models import ActivityCompletion, CoursePage, LessonPage
from courses.services import enrolment_request
from quizzes.models import QuizPage
from quizzes.services import attempt_start
from tests.factories.learners import UserFactory

DEMO = "introduction-to-human-security"


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()


def switcher_links(html: str) -> dict[str, str]:
    nav = re.search(r'<details class="language-switcher">(.*?)</details>', html, re.S).group(1)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def test_each_language_has_its_url_prefix_and_interface(client, seeded):
    english = client.get(f"/courses/{DEMO}/").content.decode()
    turkish = client.get(f"/tr/courses/{DEMO}/").content.decode()
    assert '<html lang="en"' in english
    assert '<html lang="tr"' in turkish
    assert h1(english) == "Introduction to Human Security"
    assert h1(turkish) != h1(english)  # the Turkish translation
    assert ">Kurslar<" in turkish or "Kurslar" in turkish  # the interface, in Turkish


def test_the_switcher_keeps_the_page_in_every_language(client, seeded):
    links = switcher_links(client.get(f"/courses/{DEMO}/").content.decode())
    assert links["tr"] == f"/tr/courses/{DEMO}/"
    assert links["sr"] == f"/sr/courses/{DEMO}/"
    assert links["sr-latn"] == f"/sr-latn/courses/{DEMO}/"
    assert links["en"] == f"/courses/{DEMO}/"
    learner = UserFactory()
    client.force_login(learner)
    links = switcher_links(client.get("/sq/learn/").content.decode())
    assert links["en"] == "/learn/"
    assert links["tr"] == "/tr/learn/"


def test_the_switcher_follows_a_translation_changed_since_it_was_cached(client, seeded):
    url = f"/courses/{DEMO}/"
    assert switcher_links(client.get(url).content.decode())["tr"] == f"/tr/courses/{DEMO}/"
    turkish = CoursePage.objects.get(slug=DEMO, locale__language_code="tr")
    turkish.slug = "insan-guvenligine-giris"
    turkish.save_revision().publish()
    links = switcher_links(client.get(url).content.decode())
    assert links["tr"] == "/tr/courses/insan-guvenligine-giris/"
    turkish.unpublish()
    # No Turkish version any more: the Turkish home page.
    assert switcher_links(client.get(url).content.decode())["tr"] == "/tr/"


def test_the_switcher_keeps_the_sub_path_of_a_routable_page(client, seeded):
    english = CoursePage.objects.get(slug=DEMO, locale__language_code="en")
    quiz = QuizPage.objects.live().descendant_of(english).order_by("path").first()
    turkish = QuizPage.objects.get(translation_key=quiz.translation_key, locale__language_code="tr")
    learner = UserFactory()
    enrolment_request(learner=learner, course=english)
    attempt_start(learner=learner, quiz=quiz)
    client.force_login(learner)
    client.get(quiz.url)  # the quiz's links are cached now
    links = switcher_links(client.get(f"{quiz.url}attempt/1/").content.decode())
    assert links["tr"] == f"{turkish.url}attempt/1/"


def test_a_course_shows_once_in_each_catalogue_with_its_languages(client, seeded):
    html = client.get("/tr/courses/").content.decode()
    demo = CoursePage.objects.get(slug=DEMO, locale__language_code="tr")
    assert html.count(f'href="/tr/courses/{DEMO}/"') >= 1
    assert demo.title in html
    # The card names the languages the course is written in, each in its own language.
    assert '<span lang="sq">Shqip</span>' in html
    assert '<span lang="tr">Türkçe</span>' in html
    assert "English" not in h1(html)


def test_serbian_reads_in_cyrillic_and_in_latin(client, seeded):
    cyrillic = client.get(f"/sr/courses/{DEMO}/").content.decode()
    latin = client.get(f"/sr-latn/courses/{DEMO}/").content.decode()
    assert detect_script(h1(cyrillic)) == "cyrl"
    assert detect_script(h1(latin)) == "latn"
    assert cyrillic_to_latin(h1(cyrillic)) == h1(latin)
    assert '<html lang="sr"' in cyrillic
    assert '<html lang="sr-latn"' in latin
    # The other languages' names in the switcher are left alone.
    assert ">Türkçe<" in cyrillic
    assert ">English<" in cyrillic


def test_serbian_content_is_stored_once(db):
    assert not Locale.objects.filter(language_code="sr-latn").exists()
    assert Locale.objects.filter(language_code="sr").exists()


def test_a_lesson_completed_in_serbian_is_completed_in_english(client, seeded):
    learner = UserFactory()
    english = CoursePage.objects.get(slug=DEMO, locale__language_code="en")
    enrolment_request(learner=learner, course=english)
    lesson_sr = (
        LessonPage.objects.filter(locale__language_code="sr")
        .descendant_of(CoursePage.objects.get(slug=DEMO, locale__language_code="sr"))
        .order_by("path")
        .first()
    )
    client.force_login(learner)
    response = client.post(f"{lesson_sr.url}complete/")
    assert response.status_code == 302
    completion = ActivityCompletion.objects.get(enrolment__learner=learner)
    assert completion.activity_key == lesson_sr.translation_key
    assert completion.language == "sr"
    lesson_en = LessonPage.objects.get(
        translation_key=lesson_sr.translation_key, locale__language_code="en"
    )
    html = client.get(lesson_en.url).content.decode()
    assert "Completed" in html


def test_the_script_middleware_leaves_other_responses_alone(rf):
    from django.http import HttpResponse, JsonResponse
    from django.utils import translation

    def view(body, **kwargs):
        return lambda request: HttpResponse(body, **kwargs)

    with translation.override("sr"):
        html = SerbianScriptMiddleware(view("<p>ljubav</p>"))(rf.get("/sr/"))
        assert html.content.decode() == "<p>љубав</p>"
        json = SerbianScriptMiddleware(lambda r: JsonResponse({"a": "ljubav"}))(rf.get("/sr/"))
        assert "ljubav" in json.content.decode()
        admin = SerbianScriptMiddleware(view("<p>ljubav</p>"))(rf.get("/admin/"))
        assert admin.content.decode() == "<p>ljubav</p>"
    with translation.override("en"):
        english = SerbianScriptMiddleware(view("<p>ljubav</p>"))(rf.get("/"))
        assert english.content.decode() == "<p>ljubav</p>"


def test_login_sends_the_learner_to_their_language(client, db):
    from tests.factories.learners import PASSWORD

    user = UserFactory(preferred_language="tr")
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/tr/learn/"
