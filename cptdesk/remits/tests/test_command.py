import io
import json

import pytest
from django.core.management import CommandError, call_command

from cptdesk.remits.models import ClaimPayment, RemittanceImport
from cptdesk.remits.tests.x12_text import make_835


def run(*args):
    out = io.StringIO()
    call_command("import_835", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def file_835(tmp_path):
    path = tmp_path / "era.835"
    path.write_text(make_835())
    return path


def test_command_json_prints_report(maple, file_835):
    reports = json.loads(run(str(file_835), "--json"))

    assert reports[0]["status"] == "posted"
    assert reports[0]["claims"] == 1
    assert reports[0]["paid_total"] == "150.00"
    assert reports[0]["file"] == str(file_835)


def test_command_reports_duplicate_second_time(maple, file_835):
    run(str(file_835))

    text = run(str(file_835))

    assert "already imported" in text
    assert ClaimPayment.objects.count() == 1


def test_command_needs_practice_when_several(maple, birch, file_835):
    with pytest.raises(CommandError, match="--practice"):
        run(str(file_835))


def test_command_imports_into_named_practice(maple, birch, file_835):
    run(str(file_835), "--practice", "Birch Family Practice")

    assert RemittanceImport.objects.get().practice == birch


def test_command_rejects_malformed_file(maple, tmp_path):
    path = tmp_path / "bad.835"
    path.write_text(make_835().replace("CLP*PCN001*1*200.00", "CLP*PCN001*1*2,00"))

    with pytest.raises(CommandError, match=r"bad.835: segment 12 \(CLP\)"):
        run(str(path))

    assert RemittanceImport.objects.count() == 0


def test_command_reports_missing_file(maple, tmp_path):
    with pytest.raises(CommandError, match="File not found"):
        run(str(tmp_path / "absent.835"))
