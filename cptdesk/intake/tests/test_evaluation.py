import datetime

from cptdesk.intake import actions
from cptdesk.intake.choices import FlagState
from cptdesk.intake.models import ChecklistItem, RedFlag

from .conftest import make_appointment, make_authorization

DAY = datetime.date(2026, 3, 2)


def test_service_checklist_is_stored(maple, catalog):
    visit = make_appointment(
        maple,
        "PT-1",
        DAY,
        [("15823", 1)],
        payer=catalog["medicare"],
        service=catalog["service"],
        booked_minutes=30,
        place_of_service="11",
    )

    actions.evaluate(maple, [visit.pk])

    kinds = list(visit.checklist.values_list("kind", flat=True))
    assert kinds == [
        "prior_auth",
        "referral",
        "document",
        "prep",
        "slot",
        "location",
        "equipment",
        "notice",
    ]


def test_flag_decision_survives_reevaluation(maple, catalog, alice):
    visit = make_appointment(
        maple, "PT-1", DAY, [("15823", 1)], payer=catalog["medicare"]
    )
    actions.evaluate(maple, [visit.pk])
    flag = RedFlag.objects.get()
    actions.decide_flag(flag, alice, FlagState.OVERRIDDEN, "Payer confirmed by phone")

    actions.evaluate(maple, [visit.pk])

    flag.refresh_from_db()
    assert flag.state == FlagState.OVERRIDDEN
    assert flag.reason == "Payer confirmed by phone"


def test_new_authorization_resolves_flag(maple, catalog, dana):
    visit = make_appointment(
        maple, "PT-1", DAY, [("15823", 1)], payer=catalog["medicare"]
    )
    actions.evaluate(maple, [visit.pk])
    authorization = make_authorization(
        maple, "PT-1", [], DAY, DAY, status="approved", payer=catalog["medicare"]
    )

    actions.save_authorization(authorization, [("15823", 1)], dana)

    assert RedFlag.objects.get().state == FlagState.RESOLVED


def test_waived_item_keeps_state_on_reevaluation(maple, catalog, bob):
    visit = make_appointment(
        maple,
        "PT-1",
        DAY,
        [("99213", 1)],
        service=catalog["service"],
        booked_minutes=60,
    )
    actions.evaluate(maple, [visit.pk])
    item = ChecklistItem.objects.get(appointment=visit, kind="prep")
    actions.set_checklist_state(item, bob, "waived", "Patient has the leaflet")

    actions.evaluate(maple, [visit.pk])

    item.refresh_from_db()
    assert (item.state, item.updated_by) == ("waived", bob)


def test_units_used_count_earlier_linked_visits(maple, catalog):
    medicare = catalog["medicare"]
    first = make_appointment(maple, "PT-1", DAY, [("15823", 1)], payer=medicare)
    second = make_appointment(
        maple, "PT-1", DAY + datetime.timedelta(days=7), [("15823", 1)], payer=medicare
    )
    authorization = make_authorization(
        maple, "PT-1", [("15823", 1)], DAY, DAY + datetime.timedelta(days=30)
    )
    authorization.status = "approved"
    authorization.save()
    authorization.appointments.add(first, second)

    actions.evaluate(maple, [first.pk, second.pk])

    assert not first.flags.filter(kind="auth_no_units").exists()
    assert second.flags.filter(kind="auth_no_units").exists()


def test_evaluation_query_count_does_not_grow(
    maple, catalog, django_assert_max_num_queries
):
    visits = [
        make_appointment(
            maple, f"PT-{n}", DAY, [("15823", 1), ("99213", 1)], hour=8 + n % 9
        )
        for n in range(30)
    ]

    with django_assert_max_num_queries(30):
        actions.evaluate(maple, [visit.pk for visit in visits])


def test_range_rule_fires_once_per_code(maple, catalog):
    visit = make_appointment(
        maple, "PT-1", DAY, [("15822", 1), ("15823", 1)], payer=catalog["medicare"]
    )

    actions.evaluate(maple, [visit.pk])

    item = visit.checklist.filter(kind="prior_auth").values_list("key", flat=True)
    assert sorted(item) == ["prior_auth:15822", "prior_auth:15823"]


def test_rule_index_lists_range_rule_once():
    from cptdesk.catalog.ruleengine import RuleSpec
    from cptdesk.intake.evaluation import RuleIndex

    ranged = RuleSpec(id=4, result="prior_auth", code_from="15820", code_to="15823")
    index = RuleIndex([ranged])

    assert index.candidates({"15822", "15823"}) == [ranged]
    assert index.candidates({"99213"}) == []
