"""Forms of the courses app's own admin views."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Enrolment
from .services import Decision

DECISION_LABELS = {
    Decision.ACCEPT: _("Accept"),
    Decision.WAITLIST: _("Waitlist"),
    Decision.DECLINE: _("Decline"),
}

DECISION_NOTE_MAX_LENGTH = Enrolment._meta.get_field("decision_note").max_length


class DecisionForm(forms.Form):
    """A decision on an application: which button was pressed, and an optional note."""

    decision = forms.ChoiceField(choices=list(DECISION_LABELS.items()), widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note to the learner"),
        required=False,
        max_length=DECISION_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Addressed to the learner and kept with the decision."),
    )
