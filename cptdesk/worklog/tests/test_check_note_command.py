import json

from django.core.management import call_command


def run(capsys, *args):
    call_command("check_note", *args)
    return capsys.readouterr().out


def test_vague_note_lists_missing(capsys):
    output = run(capsys, "called office")

    assert output.startswith("Verdict: vague")
    assert "missing owner: no next-step owner" in output


def test_json_is_one_document(capsys):
    document = json.loads(run(capsys, "called office", "--json"))

    assert document["verdict"] == "vague"
    assert "follow_up" in [entry["id"] for entry in document["missing"]]


def test_actionable_note_verdict(capsys):
    text = "spoke with Dana at radiology, asked for the MRI report, I will f/u tmrw 9am"

    document = json.loads(run(capsys, text, "--json"))

    assert document["verdict"] == "actionable"


def test_closed_note_naming_recipient_is_actionable(capsys):
    output = run(capsys, "faxed records to Acme, done")

    assert output.startswith("Verdict: actionable")
    assert "contact not named" not in output


def test_words_are_joined_into_one_note(capsys):
    output = run(capsys, "called", "office")

    assert "Verdict: vague" in output
