"""The learner's preferred interface language, carried by Django's language cookie."""

from django.conf import settings


def language_supported(code: str) -> bool:
    return bool(code) and code in dict(settings.LANGUAGES)


def preferred_language_of(user) -> str | None:
    """The user's preferred language if the site offers it, else None."""
    language = getattr(user, "preferred_language", "") or ""
    return language if language_supported(language) else None


def language_cookie_set(response, language: str) -> None:
    """Set the cookie exactly as Django's ``set_language`` view does."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
