"""The learner's own pages under /learn/: "My learning", profile, personal data, deletion.

Every page works on ``request.user`` only: no URL carries a user id, so no learner can reach
another's data by editing one. Responses are ``never_cache``: they are personal, and may be
opened on shared computers.
"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .forms import AccountDeleteForm, ProfileForm
from .language import language_cookie_set
from .personal_data import SECTIONS, personal_data_export
from .selectors import learner_dashboard
from .services import account_delete, profile_update


@never_cache
@login_required
@require_GET
def dashboard(request):
    return render(
        request,
        "learners/dashboard.html",
        {"dashboard": learner_dashboard(learner=request.user, request=request)},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            profile_update(user=user, **form.cleaned_data)
            language = form.cleaned_data["preferred_language"]
            translation.activate(language)
            messages.success(request, _("Your profile has been saved."))
            response = redirect("learners:profile")
            language_cookie_set(response, language)
            return response
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(user))
    return render(
        request,
        "learners/profile.html",
        {"form": form, "consents": list(user.consents.order_by("-given_at"))},
    )


@never_cache
@login_required
@require_GET
def personal_data(request):
    return render(request, "learners/personal_data.html", {"sections": SECTIONS})


@never_cache
@login_required
@require_GET
def personal_data_download(request):
    """The requester's own data as a JSON file (a GET: it reads, and only their data)."""
    data = personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete_confirm(request):
    if request.method == "POST":
        form = AccountDeleteForm(request.POST, user=request.user)
        if form.is_valid():
            account_delete(
                user=request.user,
                keep_certificates=form.cleaned_data.get("keep_certificates", False),
            )
            logout(request)
            messages.success(
                request,
                _("Your account has been deleted and your personal data erased. Goodbye."),
            )
            return redirect("/")
    else:
        form = AccountDeleteForm(user=request.user)
    return render(request, "learners/account_delete.html", {"form": form})
