"""django-allauth adapter: account emails go out through the Celery worker."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.mail import EmailMultiAlternatives

from cms.tasks import email_send


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
