import json

import pytest

from cptdesk.intake.fhirbundle import BundleError, read_bundle

CPT = "http://www.ama-assn.org/go/cpt"
POS = "https://www.cms.gov/medicare/coding/place-of-service-codes"


def bundle(*, status="booked", start="2026-03-02T09:00:00-05:00", code="99213"):
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:appt-1",
                "resource": {
                    "resourceType": "Appointment",
                    "id": "appt-1",
                    "status": status,
                    "start": start,
                    "minutesDuration": 30,
                    "basedOn": [{"reference": "ServiceRequest/sr-1"}],
                    "participant": [
                        {
                            "actor": {"reference": "Patient/PT-1001"},
                            "status": "accepted",
                        },
                        {
                            "actor": {
                                "reference": "Practitioner/dr-1",
                                "display": "Dr. Rivera",
                            },
                            "status": "accepted",
                        },
                    ],
                },
            },
            {
                "resource": {
                    "resourceType": "ServiceRequest",
                    "id": "sr-1",
                    "status": "active",
                    "intent": "order",
                    "subject": {"reference": "Patient/PT-1001"},
                    "code": {"coding": [{"system": CPT, "code": code}]},
                    "quantityQuantity": {"value": 2},
                    "insurance": [{"reference": "Coverage/c-1", "display": "Medicare"}],
                },
            },
        ],
    }


def read(document):
    return read_bundle(json.dumps(document))


def test_valid_bundle_gives_row():
    rows, errors = read(bundle())

    assert errors == []
    assert (rows[0].patient, rows[0].provider, rows[0].payer) == (
        "PT-1001",
        "Dr. Rivera",
        "Medicare",
    )
    assert [(line.code, line.units) for line in rows[0].lines] == [("99213", 2)]
    assert rows[0].source_key == "fhir:appt-1"
    assert rows[0].booked_minutes == 30


def test_cancelled_appointment_is_skipped():
    rows, errors = read(bundle(status="cancelled"))

    assert rows == []
    assert errors == []


def test_invalid_start_is_rejected_with_path():
    with pytest.raises(BundleError) as raised:
        read(bundle(start="next tuesday"))

    assert raised.value.errors[0].column == "entry.0.resource.start"
    assert raised.value.errors[0].row == 1


def test_missing_bundle_type_is_rejected():
    document = bundle()
    del document["type"]

    with pytest.raises(BundleError):
        read(document)


def test_not_json_is_rejected():
    with pytest.raises(BundleError, match="invalid JSON"):
        read_bundle("patient,date\n")


def test_unknown_service_request_is_row_error():
    document = bundle()
    document["entry"][0]["resource"]["basedOn"] = [{"reference": "ServiceRequest/x"}]

    rows, errors = read(document)

    assert rows == []
    assert errors[0].column == "basedOn"


def test_malformed_code_is_row_error():
    rows, errors = read(bundle(code="99"))

    assert errors[0].value == "99"


def test_other_resource_is_named_plainly():
    with pytest.raises(BundleError, match="not a FHIR Bundle") as raised:
        read_bundle(json.dumps({"resourceType": "Patient", "id": "p1"}))

    assert raised.value.errors[0].value == "Patient"


def test_json_error_names_line_and_column():
    with pytest.raises(BundleError, match="line 2, column"):
        read_bundle('{"resourceType": "Bundle",\n "entry": [}')


def with_place(place):
    document = bundle()
    request = document["entry"][1]["resource"]
    request["locationCode"] = [{"coding": [{"system": POS, "code": place}]}]
    return document


def test_place_of_service_is_read():
    rows, errors = read(with_place("11"))

    assert errors == []
    assert rows[0].place_of_service == "11"


@pytest.mark.parametrize(
    ("place", "problem"),
    [
        ("29", "CMS lists place of service 29 as unassigned"),
        ("00", "00 is not a CMS place of service code"),
    ],
)
def test_unusable_place_of_service_is_row_error(place, problem):
    rows, errors = read(with_place(place))

    assert rows == []
    assert (errors[0].row, errors[0].column, errors[0].value) == (
        1,
        "ServiceRequest.locationCode",
        place,
    )
    assert errors[0].problem == (
        f"{problem}. Use an assigned place of service code, such as 11 or 22."
    )
