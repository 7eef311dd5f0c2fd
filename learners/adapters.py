"""django-allauth adapter: account emails go out through the Celery worker, and a learner's
preferred language is switched on when they log in."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from cms.tasks import email_send

from .language import language_cookie_set, preferred_language_of


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        html_body = ""
        if isinstance(message, EmailMultiAlternatives):
            html_body = next(
                (content for content, mime in message.alternatives if mime == "text/html"), ""
            )
        email_send(
            subject=message.subject,
            body=message.body,
            to=list(message.to),
            html_body=html_body,
            from_email=message.from_email,
        )

    def post_login(self, request, user, **kwargs):
        """After any login (password, email confirmation, signup), use the learner's language.

        It is activated for the rest of this request (so the "signed in" message is in it)
        and stored in Django's language cookie, which ``LocaleMiddleware`` reads afterwards.
        """
        language = preferred_language_of(user)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = super().post_login(request, user, **kwargs)
        if language and hasattr(response, "set_cookie"):
            language_cookie_set(response, language)
        return response
