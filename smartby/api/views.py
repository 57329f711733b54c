"""The API token pages under /konto/api-noegler/ (list, create once-shown, revoke)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from smartby.api import operations
from smartby.api.models import ApiToken, TokenScope


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    secret = None
    values = {"name": "", "scope": TokenScope.READ}
    if request.method == "POST":
        values = {"name": request.POST.get("name", ""), "scope": request.POST.get("scope", "")}
        try:
            _token, secret = operations.create_token(request.user, **values)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            values = {"name": "", "scope": TokenScope.READ}
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "api/token_list.html",
        {
            "tokens": tokens,
            "secret": secret,
            "errors": errors,
            "values": values,
            "scopes": TokenScope.choices,
        },
        status=400 if errors else 200,
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    operations.revoke_token(request.user, token)
    messages.success(request, _("Nøglen „%(name)s“ er tilbagekaldt.") % {"name": token.name})
    return redirect("api_tokens:list")
