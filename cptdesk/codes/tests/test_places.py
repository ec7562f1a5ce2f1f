from cptdesk.codes.places import place_of_service_problem, place_of_service_status


def test_shipped_set_covers_01_to_99():
    status = place_of_service_status()

    assert set(status) == {f"{number:02d}" for number in range(1, 100)}


def test_assigned_code_has_no_problem():
    assert place_of_service_problem("11") is None
    assert place_of_service_problem("02") is None


def test_unassigned_code_is_named():
    problem = place_of_service_problem("66")

    assert problem == "CMS lists place of service 66 as unassigned"


def test_code_outside_set_is_named():
    problem = place_of_service_problem("00")

    assert problem == "00 is not a CMS place of service code"
