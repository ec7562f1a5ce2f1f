import io
import json

import pytest
from django.core.management import call_command


def run(*args):
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_scope", *args, stdout=out)
    return exit_info.value.code, out.getvalue()


def test_reports_coverage_promise_with_rewrite():
    code, output = run("Don't worry, this will be covered")

    assert code == 1
    assert "Coverage promise (coverage_promise)" in output
    assert "\u201cwill be covered\u201d" in output
    assert "Rewrite: Your plan decides what it covers" in output


def test_json_lists_findings():
    code, output = run("Bill it as 99214.", "--json")

    findings = json.loads(output)
    assert code == 1
    assert findings[0]["category"] == "coding_advice"
    assert findings[0]["phrase"] == "Bill it as 99214"
    assert findings[0]["rewrite"]


def test_clean_text_exits_zero():
    out = io.StringIO()

    call_command("check_scope", "I will send this to the coder.", stdout=out)

    assert "No out-of-scope statement" in out.getvalue()


def test_model_finding_lists_weighing_words():
    code, output = run("Just toss a 25 on the E/M and it'll clear.")

    assert code == 1
    assert "rule model.coding_advice" in output
    assert "Words that weighed most: \u201ca 25\u201d" in output


def test_json_lists_model_evidence():
    code, output = run("Just toss a 25 on the E/M and it'll clear.", "--json")

    (finding,) = json.loads(output)
    assert code == 1
    assert finding["rule"] == "model.coding_advice"
    assert "a 25" in finding["evidence"]


def test_rule_finding_has_no_evidence():
    _, output = run("Bill it as 99214.", "--json")

    (finding,) = json.loads(output)
    assert finding["evidence"] == []
