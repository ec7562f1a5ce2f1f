"""Today's date in the practice's time zone; tests replace it to control the clock."""

from django.utils import timezone


def today():
    return timezone.localdate()
