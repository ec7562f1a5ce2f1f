import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cptdesk.catalog.models import Rule, Service


def test_install_medicare_pack_command(maple, capsys):
    call_command("install_medicare_pack", "--practice", "Maple Street Clinic")

    assert "Installed Medicare fee-for-service" in capsys.readouterr().out
    assert Rule.objects.filter(practice=maple).exists()


def test_install_medicare_pack_unknown_practice(maple):
    with pytest.raises(CommandError, match="No practice named 'Oak'"):
        call_command("install_medicare_pack", "--practice", "Oak")


def test_catalog_export_import_commands(maple, birch, knee_mri, tmp_path, capsys):
    call_command("export_catalog", "--practice", maple.name, "--format", "csv")
    path = tmp_path / "catalog.csv"
    path.write_text(capsys.readouterr().out)

    call_command("import_catalog", str(path), "--practice", birch.name)

    assert Service.objects.get(practice=birch).name == knee_mri.name


def test_import_catalog_bad_file_says_nothing_imported(maple, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name\nKnee MRI\n")

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_catalog", str(path), "--practice", maple.name)


def test_import_rule_pack_command(maple, bcbs, tmp_path, capsys):
    path = tmp_path / "pack.csv"
    path.write_text("payer,code,result\nBCBS,72148,prior_auth\n")

    call_command("import_rule_pack", str(path), "--practice", maple.name)

    assert "Installed pack with 1 rule." in capsys.readouterr().out
