"""Template filters of the clause library."""

from django import template
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe

from smartby.procurement import placeholders

register = template.Library()


@register.filter
def with_placeholders(text: str) -> SafeString:
    """Clause text as paragraphs, each placeholder marked and titled with its readable name."""

    def mark(match) -> str:
        name = match.group(1)
        return format_html(
            '<span class="placeholder" title="{}">{}</span>',
            placeholders.label(name),
            match.group(0),
        )

    escaped = escape(text)  # braces and the placeholder names pass through escape unchanged
    return mark_safe(linebreaks(placeholders.PLACEHOLDER.sub(mark, escaped), autoescape=False))  # noqa: S308


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text as escaped <p> paragraphs (blank lines) with <br> for single line breaks."""
    return mark_safe(linebreaks(text, autoescape=True))  # noqa: S308 - linebreaks escaped it


@register.filter
def changed_only(diff: list) -> list:
    """The changed fields of a version_diff."""
    return [field for field in diff if field.changed]
