"""System checks for settings that are wrong for production."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def demo_secret_key(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEMO_SECRET_KEY:
        return [
            Warning(
                "SECRET_KEY is the demo key.",
                hint="Set SECRET_KEY in the environment before serving real users.",
                id="smartby.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def content_security_policy(app_configs, **kwargs):
    """The enforced CSP must be on and must not allow inline scripts or styles."""
    middleware = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    policy = settings.SECURE_CSP or {}
    if middleware not in settings.MIDDLEWARE or not policy:
        return [
            Warning(
                "The Content-Security-Policy is not enforced.",
                hint=f"Keep {middleware} in MIDDLEWARE and SECURE_CSP set.",
                id="smartby.W002",
            )
        ]
    unsafe = [
        directive
        for directive in ("default-src", "script-src", "style-src")
        if {"'unsafe-inline'", "'unsafe-eval'"} & set(policy.get(directive, []))
    ]
    if unsafe:
        return [
            Warning(
                f"SECURE_CSP allows inline code in {', '.join(unsafe)}.",
                hint="Move inline scripts and styles to static files.",
                id="smartby.W003",
            )
        ]
    return []
