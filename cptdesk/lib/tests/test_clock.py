import datetime

import pytest
from django.utils import timezone

from cptdesk.lib import clock

MOMENT = datetime.datetime(2026, 3, 2, 14, 0, tzinfo=datetime.UTC)


def test_fixed_clock_controls_now():
    clock.use(clock.FixedClock(MOMENT))
    try:
        assert clock.now() == MOMENT
    finally:
        clock.use(None)


def test_fixed_clock_advances():
    controlled = clock.FixedClock(MOMENT)

    controlled.advance(hours=3)

    assert controlled() == MOMENT + datetime.timedelta(hours=3)


def test_use_none_restores_real_clock():
    clock.use(clock.FixedClock(MOMENT))

    clock.use(None)

    assert clock.now() > MOMENT + datetime.timedelta(days=1)


def test_fixed_clock_rejects_naive_time():
    with pytest.raises(ValueError, match="aware"):
        clock.FixedClock(datetime.datetime(2026, 3, 2))


def test_local_day_bounds_span_one_day():
    start, end = clock.local_day_bounds(MOMENT)

    assert end - start == datetime.timedelta(days=1)
    assert start <= MOMENT < end


def test_today_follows_installed_clock():
    clock.use(clock.FixedClock(MOMENT))
    try:
        assert clock.today() == datetime.date(2026, 3, 2)
    finally:
        clock.use(None)


def test_today_uses_practice_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    # 02:00 UTC on 3 March is still the evening of 2 March in New York.
    late_evening = datetime.datetime(2026, 3, 3, 2, 0, tzinfo=datetime.UTC)
    clock.use(clock.FixedClock(late_evening))
    try:
        assert clock.today() == datetime.date(2026, 3, 2)
    finally:
        clock.use(None)


def test_today_without_fixed_clock_is_local_date():
    clock.use(None)

    assert clock.today() == timezone.localdate()
