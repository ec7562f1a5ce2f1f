import pytest

from cptdesk.codes.actions import import_reference_file
from cptdesk.codes.bundled import DATA_DIR
from cptdesk.codes.models import (
    CptDescriptor,
    DataRelease,
    HcpcsCode,
    MueLimit,
    PtpEdit,
    SearchEntry,
)
from cptdesk.codes.search import search
from cptdesk.lib.inputerrors import InputFileError

HCPCS_FILE = DATA_DIR / "HCPC2026_JAN_ANWEB_01122026.txt"
PTP_FILE = DATA_DIR / "ccipra-v322r0-f1.excerpt.txt"
MUE_FILE = DATA_DIR / "MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"


def snapshot():
    return (
        DataRelease.objects.count(),
        HcpcsCode.objects.count(),
        PtpEdit.objects.count(),
        MueLimit.objects.count(),
        SearchEntry.objects.count(),
    )


def test_bundled_hcpcs_has_every_code_and_modifier(db):
    current = HcpcsCode.objects.filter(release__is_current=True)

    assert current.filter(is_modifier=False).count() == 8623
    assert current.filter(is_modifier=True).count() == 383


def test_bundled_release_names_its_source(db):
    release = DataRelease.objects.get(kind="hcpcs", is_current=True)

    assert release.label == "HCPCS 2026 January"
    assert release.file_name == HCPCS_FILE.name
    assert release.rows == 9006


def test_same_file_twice_changes_nothing(db):
    before = snapshot()

    result = import_reference_file("hcpcs", HCPCS_FILE)

    assert result.created is False
    assert "already loaded" in result.message
    assert snapshot() == before


def test_truncated_line_rejects_whole_file(db, tmp_path):
    lines = HCPCS_FILE.read_bytes().split(b"\n")
    lines[5000] = lines[5000][:100]
    broken = tmp_path / "HCPC2026_APR_ANWEB.txt"
    broken.write_bytes(b"\n".join(lines))
    before = snapshot()

    with pytest.raises(InputFileError) as caught:
        import_reference_file("hcpcs", broken)

    assert "line 5001" in str(caught.value)
    assert broken.name in str(caught.value)
    assert snapshot() == before


def test_wrong_encoding_rejects_file(db, tmp_path):
    broken = tmp_path / "mue.csv"
    broken.write_text(MUE_FILE.read_text(encoding="utf-8"), encoding="utf-16")
    before = snapshot()

    with pytest.raises(InputFileError):
        import_reference_file("mue", broken)

    assert snapshot() == before


def test_missing_column_rejects_file(db, tmp_path):
    rows = PTP_FILE.read_text(encoding="utf-8").splitlines()
    rows[-1] = "\t".join(rows[-1].split("\t")[:3])
    broken = tmp_path / "ccipra-v322r0-f2.txt"
    broken.write_text("\n".join(rows) + "\n", encoding="utf-8")
    before = snapshot()

    with pytest.raises(InputFileError) as caught:
        import_reference_file("ncci-ptp", broken)

    assert f"line {len(rows)}" in str(caught.value)
    assert snapshot() == before


def test_newer_release_replaces_older(db, tmp_path):
    text = HCPCS_FILE.read_bytes().replace(
        b"Injection, onabotulinumtoxina", b"Injection, onabotulinumtoxinz"
    )
    newer = tmp_path / "HCPC2026_APR_ANWEB_04012026.txt"
    newer.write_bytes(text)

    result = import_reference_file("hcpcs", newer)

    older = DataRelease.objects.get(kind="hcpcs", file_name=HCPCS_FILE.name)
    assert result.release.label == "HCPCS 2026 April"
    assert older.is_current is False
    assert HcpcsCode.objects.filter(release=older).count() == 0
    assert HcpcsCode.objects.get(code="J0585").long_description.endswith(
        "toxinz, 1 unit"
    )
    assert search("onabotulinumtoxinz")[0].release == "HCPCS 2026 April"


def test_other_part_file_keeps_first_part(db, tmp_path):
    second = tmp_path / "ccipra-v322r0-f2.txt"
    text = PTP_FILE.read_text(encoding="utf-8").replace("\n0", "\n1")
    second.write_text(text, encoding="utf-8")
    first = DataRelease.objects.get(kind="ncci-ptp", is_current=True)

    import_reference_file("ncci-ptp", second, label=first.label)

    first.refresh_from_db()
    assert first.is_current is True
    assert DataRelease.objects.filter(kind="ncci-ptp", is_current=True).count() == 2


def test_cpt_descriptors_need_a_practice(db, tmp_path):
    path = tmp_path / "cpt.csv"
    path.write_text("code,descriptor\n99213,Test office visit text\n")

    with pytest.raises(ValueError):
        import_reference_file("cpt", path)


def test_cpt_descriptors_stay_in_their_practice(maple, birch, tmp_path):
    path = tmp_path / "cpt.csv"
    path.write_text("code,descriptor\n99213,Zebrafinch office visit text\n")

    import_reference_file("cpt", path, practice=maple)

    assert CptDescriptor.objects.filter(practice=maple).count() == 1
    assert [hit.code for hit in search("zebrafinch", maple)] == ["99213"]
    assert search("zebrafinch", birch) == []
    assert search("zebrafinch", None) == []


def test_cpt_descriptors_from_pprrvu_layout(maple, tmp_path):
    source = tmp_path / "PPRRVU2026_Jan.csv"
    header = (
        "HCPCS,MOD,DESCRIPTION,STATUS CODE,NOT USED FOR MEDICARE PAYMENT,WORK RVU,"
        "NON-FAC PE RVU,NON-FAC NA INDICATOR,FACILITY PE RVU,FACILITY NA INDICATOR,"
        "MP RVU,NON-FACILITY TOTAL,FACILITY TOTAL,PCTC IND,GLOB DAYS,PRE OP,INTRA OP,"
        "POST OP,MULT PROC,BILAT SURG,ASST SURG,CO SURG,TEAM SURG,ENDO BASE,"
        "CONV FACTOR,PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES,CALCULATION FLAG,"
        "DIAGNOSTIC IMAGING FAMILY INDICATOR,NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT,"
        "FACILITY PE USED FOR OPPS PAYMENT AMOUNT,MP USED FOR OPPS PAYMENT AMOUNT"
    )
    row = "27447,,Invented knee descriptor,A,,1,1,,1,,1,1,1,0,090,0.1,0.8,0.1,2,1,2,1,0,,32.3465,09,,99,0,0,0"
    source.write_text(header + "\n" + row + "\n")

    import_reference_file("cpt", source, practice=maple)

    descriptor = CptDescriptor.objects.get(practice=maple, code="27447")
    assert descriptor.descriptor == "Invented knee descriptor"


def test_duplicate_code_names_both_lines(db, tmp_path):
    path = tmp_path / "place_of_service.csv"
    path.write_text(
        "code,name,status,is_telehealth_pos,note\n"
        "02,Telehealth,assigned,1,\n"
        "11,Office,assigned,0,\n"
        "02,Something else,assigned,0,\n"
    )
    before = snapshot()

    with pytest.raises(InputFileError) as caught:
        import_reference_file("pos", path)

    assert "line 4" in str(caught.value)
    assert "first given on line 2" in str(caught.value)
    assert snapshot() == before


def test_rarc_file_rejected_as_carc(db, tmp_path):
    path = tmp_path / "rarc.csv"
    path.write_text("code,start_date,last_modified_date,stop_date\nN130,,,\n")

    with pytest.raises(InputFileError) as caught:
        import_reference_file("carc", path)

    assert "not a CARC" in str(caught.value)
    assert "'N130'" in str(caught.value)


def test_carc_file_rejected_as_rarc(db, tmp_path):
    path = tmp_path / "carc.csv"
    path.write_text("code,start_date,last_modified_date,stop_date\n197,,,\n")

    with pytest.raises(InputFileError, match="not a RARC"):
        import_reference_file("rarc", path)


def test_renamed_prior_auth_list_replaces_same_list_only(db, tmp_path):
    source = DATA_DIR / "opd_prior_auth_codes.csv"
    renamed = tmp_path / "opd-2027.csv"
    renamed.write_bytes(source.read_bytes().replace(b"2020-07-01", b"2020-07-02"))

    import_reference_file("prior-auth", renamed, label="OPD list 2027")

    current = DataRelease.objects.filter(kind="prior-auth", is_current=True)
    assert sorted(current.values_list("label", flat=True)) == [
        "CMS DMEPOS required prior-authorization list",
        "OPD list 2027",
    ]
