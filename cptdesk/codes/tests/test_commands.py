import io
import json

import pytest
from django.core.management import CommandError, call_command

from cptdesk import cli


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_lookup_json_prints_real_facts(db):
    facts = json.loads(run("lookup", "J0585", "--json"))

    assert facts["description"]["long"] == "Injection, onabotulinumtoxina, 1 unit"
    assert (
        facts["prior_authorization"][0]["paired_with"]
        == [
            "64612",
            "64615",
            "64615",
        ][:2]
    )
    assert "HCPCS 2026 January" in facts["releases"]


def test_lookup_json_for_cpt_has_global_days_and_pairing(db):
    facts = json.loads(run("lookup", "64612", "--json"))

    assert facts["fee_schedule"]["global_days"] == "010"
    assert facts["prior_authorization"][0]["paired_with"] == [
        "J0585",
        "J0586",
        "J0587",
        "J0588",
    ]
    assert "AMA" in facts["description"]["note"]


def test_lookup_explains_invalid_code(db):
    text = run("lookup", "1234")

    assert "four characters" in text


def test_lookup_rejects_bad_date(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("lookup", "J0585", "--date", "03/01/2026")


def test_search_json_lists_results(db):
    data = json.loads(run("search_codes", "J0585", "--json"))

    assert data["results"][0]["code"] == "J0585"


def test_import_bad_file_names_line_and_loads_nothing(db, tmp_path):
    path = tmp_path / "place_of_service.csv"
    path.write_text(
        "code,name,status,is_telehealth_pos,note\n11,Office,assigned,maybe,\n"
    )

    with pytest.raises(CommandError) as caught:
        run("import_reference", "pos", str(path))

    assert "line 2" in str(caught.value)
    assert "Nothing was loaded" in str(caught.value)


def test_import_missing_file_says_so(db, tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        run("import_reference", "pos", str(tmp_path / "nope.csv"))


def test_cli_help_lists_commands(capsys):
    cli.main(["--help"])

    assert "lookup" in capsys.readouterr().out


def test_lookup_with_practice_shows_licensed_descriptor(maple, tmp_path):
    from cptdesk.codes.actions import import_reference_file

    path = tmp_path / "cpt.csv"
    path.write_text("code,descriptor\n99213,Invented office visit text\n")
    import_reference_file("cpt", path, practice=maple)

    facts = json.loads(run("lookup", "99213", "--json", "--practice", maple.name))

    assert facts["description"]["long"] == "Invented office visit text"


def test_lookup_unknown_practice_names_choices(maple):
    with pytest.raises(CommandError, match="Maple Street Clinic"):
        run("lookup", "99213", "--practice", "Nope")


def test_import_cpt_without_licence_is_rejected(maple, tmp_path):
    path = tmp_path / "cpt.csv"
    path.write_text("code,descriptor\n99213,Invented office visit text\n")

    with pytest.raises(CommandError, match="has not declared a CPT licence"):
        run("import_reference", "cpt", str(path), "--practice", maple.name)


@pytest.mark.parametrize(
    ("date", "in_force"),
    [
        ("2023-06-30", False),
        ("2023-07-01", True),
        ("2024-07-31", True),
        ("2024-08-01", False),
    ],
)
def test_facet_listing_follows_removal_date(db, date, in_force):
    facts = json.loads(run("lookup", "64492", "--json", "--date", date))

    assert facts["prior_authorization"][0]["in_force_on_date"] is in_force


def test_suspended_dmepos_listing_is_not_in_force(db):
    facts = json.loads(run("lookup", "E0747", "--json"))

    assert facts["prior_authorization"][0]["status"] == "suspended"
    assert facts["prior_authorization"][0]["in_force_on_date"] is False
