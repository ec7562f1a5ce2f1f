"""The CMS place-of-service code set shipped with the app, for checking catalog values."""

import functools
from pathlib import Path

from .formats.pos import read_places_of_service

DATA_DIR = Path(__file__).resolve().parent / "data"
# NOTE: the shipped file decides which codes are assigned. A newer place-of-service
# file imported through the codes app does not change it, so a code that CMS assigns
# later is rejected until this file is updated.
PLACE_OF_SERVICE_FILE = DATA_DIR / "place_of_service.csv"
USE_ASSIGNED_PLACE = "Use an assigned place of service code, such as 11 or 22"


@functools.cache
def place_of_service_status() -> dict[str, bool]:
    """Return whether each code of the shipped set is assigned, keyed by code."""
    places = read_places_of_service(PLACE_OF_SERVICE_FILE)
    return {place.code: place.is_assigned for place in places}


def place_of_service_problem(code: str) -> str | None:
    """Return why a two-digit code cannot be used as a place of service, or None."""
    status = place_of_service_status()
    if code not in status:
        return f"{code} is not a CMS place of service code"
    if not status[code]:
        return f"CMS lists place of service {code} as unassigned"
    return None
