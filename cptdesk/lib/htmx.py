"""Helpers for views that serve a whole page and, to htmx, a fragment of it."""


def wants_fragment(request):
    """Return whether htmx requested the fragment alone, not a whole page to restore."""
    headers = request.headers
    return bool(headers.get("HX-Request")) and not headers.get(
        "HX-History-Restore-Request"
    )
