from cptdesk.catalog.ruleengine import RuleHit, RuleSpec
from cptdesk.intake import checklist

SERVICE = checklist.ServiceFacts(
    id=3,
    name="Eyelid surgery",
    slot_minutes=60,
    location="Surgery suite",
    place_of_service="22",
    equipment="Operating microscope",
    prep_instructions="No food after midnight.",
    notices=("abn",),
    referral_required=True,
    documents=(("Visual field test", "clinical"), ("Photo ID", "patient")),
)
MATCHING_SETTING = checklist.VisitSetting(60, "Surgery suite", "22")


def hit(result, code="15823", rule_id=1, **rule_fields):
    rule = RuleSpec(id=rule_id, result=result, source_title="Payer list", **rule_fields)
    return RuleHit(rule=rule, code=code, reasons=["15823 is scheduled"])


def keys(triggers):
    return [trigger.key for trigger in triggers]


def test_service_settings_become_items():
    triggers = checklist.build_checklist(MATCHING_SETTING, SERVICE, [])

    assert keys(triggers) == [
        "referral",
        "document:photo id",
        "document:visual field test",
        "prep",
        "equipment",
        "notice:abn",
    ]


def test_prior_auth_hit_names_rule_source():
    triggers = checklist.build_checklist(MATCHING_SETTING, None, [hit("prior_auth")])

    assert triggers[0].kind == checklist.PRIOR_AUTH
    assert triggers[0].source == "Payer rule 1, Payer list"
    assert triggers[0].detail == "15823 is scheduled"


def test_short_slot_adds_item():
    short = checklist.VisitSetting(30, "Surgery suite", "22")

    triggers = checklist.build_checklist(short, SERVICE, [])

    slot = [trigger for trigger in triggers if trigger.kind == checklist.SLOT]
    assert slot[0].detail == "booked 30 min, the service needs 60 min"


def test_other_place_of_service_adds_location_item():
    elsewhere = checklist.VisitSetting(60, "Main office", "11")

    triggers = checklist.build_checklist(elsewhere, SERVICE, [])

    location = [trigger for trigger in triggers if trigger.kind == checklist.LOCATION]
    assert "place of service 11" in location[0].detail
    assert "booked at Main office" in location[0].detail


def test_referral_from_rule_and_service_merge():
    triggers = checklist.build_checklist(
        MATCHING_SETTING, SERVICE, [hit("referral", code="")]
    )

    referral = [trigger for trigger in triggers if trigger.kind == checklist.REFERRAL]
    assert len(referral) == 1
    assert referral[0].source == "Payer rule 1, Payer list; Service “Eyelid surgery”"


def test_documentation_rule_lists_each_document():
    documentation = hit("documentation", documents=("Progress note", "Signed order"))

    triggers = checklist.build_checklist(MATCHING_SETTING, None, [documentation])

    assert keys(triggers) == ["document:progress note", "document:signed order"]


def test_not_required_result_adds_nothing():
    assert (
        checklist.build_checklist(MATCHING_SETTING, None, [hit("not_required")]) == []
    )


def test_unconfirmed_source_is_said():
    unconfirmed = hit("prior_auth", source_confirmed=False)

    triggers = checklist.build_checklist(MATCHING_SETTING, None, [unconfirmed])

    assert triggers[0].source.endswith("source not yet confirmed")


def test_checklist_order_is_stable():
    hits = [hit("notice", rule_id=2, note="ABN"), hit("prior_auth")]

    first = checklist.build_checklist(MATCHING_SETTING, SERVICE, hits)
    second = checklist.build_checklist(MATCHING_SETTING, SERVICE, list(reversed(hits)))

    assert keys(first) == keys(second)
