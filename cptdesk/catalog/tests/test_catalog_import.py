import pytest

from cptdesk.catalog import actions, catalogfile
from cptdesk.catalog.models import Service, ServiceCode
from cptdesk.codes.models import SearchEntry
from cptdesk.codes.search import search
from cptdesk.lib.inputerrors import InputFileError

HEADER = "name,aliases,codes,slot_minutes,notices,documents\n"
BOTOX_ROW = (
    "Botulinum injections for migraine,Botox; Botox for migraine,"
    '64615; J0585:155,30,abn,"patient: Headache diary; clinical: Prior treatment notes"\n'
)


def export(practice, writer):
    services = Service.objects.filter(practice=practice).prefetch_related(
        "codes", "documents"
    )
    return writer([catalogfile.service_record(service) for service in services])


@pytest.mark.parametrize(
    ("suffix", "writer"),
    [(".csv", catalogfile.write_csv), (".yaml", catalogfile.write_yaml)],
)
def test_export_import_round_trip(maple, birch, knee_mri, write_file, suffix, writer):
    actions.import_catalog(maple, write_file("botox.csv", HEADER + BOTOX_ROW))
    exported = export(maple, writer)

    actions.import_catalog(birch, write_file("catalog" + suffix, exported))

    assert export(birch, writer) == exported
    assert Service.objects.filter(practice=birch).count() == 2


def test_import_reads_lists_and_units(maple, write_file):
    actions.import_catalog(maple, write_file("botox.csv", HEADER + BOTOX_ROW))

    service = Service.objects.get(practice=maple)
    assert service.alias_list == ["Botox", "Botox for migraine"]
    assert sorted(service.codes.values_list("code", "units")) == [
        ("64615", 1),
        ("J0585", 155),
    ]
    assert service.notices == ["abn"]
    assert sorted(service.documents.values_list("owner_class", flat=True)) == [
        "clinical",
        "patient",
    ]


def test_same_file_twice_changes_nothing(maple, write_file):
    path = write_file("botox.csv", HEADER + BOTOX_ROW)
    actions.import_catalog(maple, path)
    code_ids = list(ServiceCode.objects.values_list("pk", flat=True))
    entry_ids = list(SearchEntry.objects.filter(practice=maple).values_list("pk"))

    result = actions.import_catalog(maple, path)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert list(ServiceCode.objects.values_list("pk", flat=True)) == code_ids
    assert (
        list(SearchEntry.objects.filter(practice=maple).values_list("pk")) == entry_ids
    )


def test_import_updates_service_by_name(maple, knee_mri, write_file):
    text = "name,codes,slot_minutes\nknee mri without contrast,73721:1,60\n"

    result = actions.import_catalog(maple, write_file("update.csv", text))

    knee_mri.refresh_from_db()
    assert result.updated == 1
    assert knee_mri.slot_minutes == 60
    assert knee_mri.prep_instructions == "Leave jewelry at home."


def test_import_makes_service_searchable(maple, write_file):
    actions.import_catalog(maple, write_file("botox.csv", HEADER + BOTOX_ROW))

    hits = search("botox", maple)

    assert hits[0].title == "Botulinum injections for migraine"
    assert hits[0].url == f"/catalog/services/{Service.objects.get().pk}/"


def test_service_search_entries_stay_in_practice(maple, birch, write_file):
    actions.import_catalog(maple, write_file("botox.csv", HEADER + BOTOX_ROW))

    assert search("botox", birch) == []


MALFORMED = [
    ("no-codes.csv", "name,slot_minutes\nKnee MRI,45\n", "lacks the column(s) codes"),
    ("bad-code.csv", "name,codes\nKnee MRI,73721\nLumbar MRI,7214\n", "line 3"),
    ("bad-units.csv", "name,codes\nKnee MRI,73721:0\n", "invalid units"),
    ("modifier.csv", "name,codes\nKnee MRI,73721-RT\n", "invalid code"),
    ("bad-notice.csv", "name,codes,notices\nKnee MRI,73721,waiver\n", "unknown notice"),
    ("twice.csv", "name,codes\nKnee MRI,73721\nknee mri,73721\n", "listed twice"),
    (
        "bad-owner.csv",
        "name,codes,documents\nKnee MRI,73721,nurse: Order\n",
        "document",
    ),
    ("bad-pos.csv", "name,codes,place_of_service\nKnee MRI,73721,office\n", "place"),
    (
        "unassigned-pos.csv",
        "name,codes,place_of_service\nKnee MRI,73721,66\n",
        "CMS lists place of service 66 as unassigned",
    ),
    ("no-name.yaml", "services:\n  - codes: [73721]\n", "missing the field(s) name"),
    ("broken.yaml", "services:\n  - name: [unclosed\n", "invalid YAML"),
    ("empty.csv", "name,codes\n", "no records"),
]


@pytest.mark.parametrize(("name", "text", "problem"), MALFORMED)
def test_malformed_file_changes_nothing(
    maple, knee_mri, write_file, name, text, problem
):
    before = export(maple, catalogfile.write_yaml)

    with pytest.raises(InputFileError) as raised:
        actions.import_catalog(maple, write_file(name, text))

    assert problem in str(raised.value)
    assert export(maple, catalogfile.write_yaml) == before


def test_bad_code_error_names_file_line_and_value(maple, write_file):
    path = write_file("bad.csv", "name,codes\nKnee MRI,73721\nLumbar MRI,7214\n")

    with pytest.raises(InputFileError) as raised:
        actions.import_catalog(maple, path)

    assert str(raised.value).startswith(f"{path}, line 3: invalid code")
    assert "'7214'" in str(raised.value)


def test_unassigned_place_error_names_value(maple, write_file):
    text = "name,codes,place_of_service\nKnee MRI,73721,11\nLumbar MRI,72148,29\n"
    path = write_file("services.csv", text)

    with pytest.raises(InputFileError) as raised:
        actions.import_catalog(maple, path)

    message = str(raised.value)
    assert message.startswith(f"{path}, line 3: ")
    assert "CMS lists place of service 29 as unassigned" in message
    assert "'29'" in message
    assert "Use an assigned place of service code" in message
    assert not Service.objects.filter(practice=maple).exists()


def test_unassigned_place_in_yaml_is_rejected(maple, write_file):
    text = (
        "services:\n  - name: Knee MRI\n    codes: [73721]\n    place_of_service: 66\n"
    )

    with pytest.raises(InputFileError) as raised:
        actions.import_catalog(maple, write_file("services.yaml", text))

    assert "line 2: CMS lists place of service 66 as unassigned" in str(raised.value)


def test_assigned_place_without_leading_zero_is_kept(maple, write_file):
    text = "name,codes,place_of_service\nHome visit,99347,2\n"

    actions.import_catalog(maple, write_file("services.csv", text))

    assert Service.objects.get(practice=maple).place_of_service == "02"


def test_yaml_error_names_record_line(maple, write_file):
    text = "services:\n  - name: Knee MRI\n    codes: [73721]\n  - name: CT\n    codes: [X]\n"

    with pytest.raises(InputFileError) as raised:
        actions.import_catalog(maple, write_file("bad.yaml", text))

    assert raised.value.line == 4
