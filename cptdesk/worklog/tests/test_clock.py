import datetime

import pytest

from cptdesk.worklog import clock

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
