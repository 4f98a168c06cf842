"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability.

Written from settings on each request, so the contact follows the deployment's
configuration; without ``INFOHUB_SECURITY_CONTACT`` there is no file (RFC 9116 requires
a contact), and the page answers 404.
"""

import datetime as dt

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

# RFC 9116 asks that Expires be less than a year ahead; the file is generated, so it moves
# forward with each request while the contact setting stays the one that is deployed.
EXPIRES_AFTER = dt.timedelta(days=180)


def contact_uri(contact: str) -> str:
    """A Contact field is a URI: a bare address becomes a ``mailto:`` one."""
    if ":" not in contact and "@" in contact:
        return f"mailto:{contact}"
    return contact


def security_txt_lines(*, now: dt.datetime) -> list[str]:
    expires = (now + EXPIRES_AFTER).astimezone(dt.UTC).replace(microsecond=0)
    lines = [
        f"Contact: {contact_uri(settings.INFOHUB_SECURITY_CONTACT)}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        f"Preferred-Languages: {', '.join(code for code, _ in settings.LANGUAGES)}",
    ]
    if settings.INFOHUB_PUBLIC_URL:
        base = settings.INFOHUB_PUBLIC_URL.rstrip("/")
        lines.append(f"Canonical: {base}/.well-known/security.txt")
    return lines


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    if not settings.INFOHUB_SECURITY_CONTACT:
        raise Http404
    text = "\n".join(security_txt_lines(now=timezone.now())) + "\n"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "max-age=86400"
    return response
