"""The CSV importer: good rows become the contacts file the action server reads; bad rows
are reported by line and field, and nothing is written while any row is rejected."""

import sys
from pathlib import Path

from actions.content.local_contacts import load_directory
from paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import import_contacts  # noqa: E402

CSVS = Path(__file__).parent / "contacts_csv"


def test_a_good_csv_becomes_a_valid_contacts_file(tmp_path, capsys):
    out = tmp_path / "local_contacts.yml"
    assert import_contacts.main([str(CSVS / "good.csv"), "--out", str(out)]) == 0
    directory = load_directory(out)
    assert directory.names() == ["Exampleshire", "Sampleton"]
    sampleton = directory.get("Sampleton")
    assert sampleton.mash.phone == "0113 496 0001" and sampleton.aliases == ["Borough of Sampleton"]
    assert sampleton.office_hours.clock().describe() == "Mon-Fri 08:30-16:30"
    assert str(directory.get("Exampleshire").last_checked) == "2026-11-01"
    printed = capsys.readouterr().out
    assert "Wrote 2 area(s)" in printed and "Sampleton: no number for consultation, lado" in printed


def test_a_bad_csv_is_reported_by_line_and_field_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "local_contacts.yml"
    assert import_contacts.main([str(CSVS / "bad.csv"), "--out", str(out)]) == 1
    assert not out.exists()
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "Rejected: line 3: area 'Badshire': mash.phone: 'ring the office' is not a UK phone number",
        "Rejected: line 4: area 'Lateshire': last_checked: invalid date format",
        "Rejected: line 5: area 5: name: ensure this value has at least 1 characters",
        "Rejected: line 6: area 'Hourshire': office_hours.start: string does not match regex "
        '"^([01]\\d|2[0-3]):[0-5]\\d$"',
        "Rejected: line 7: area 'Goodshire Two': name or alias 'Goodshire' is also on line 2",
        "Rejected: line 8: area 'Webshire': partnership.website: 'www.example.org' is not a web "
        "address (https://...)",
        "Nothing written: 6 row(s) rejected, 1 good (fix, or --partial).",
    ]


def test_partial_keeps_the_good_rows_and_the_files_settings(tmp_path):
    out = tmp_path / "local_contacts.yml"
    out.write_text("example: true\ncheck_every_days: 90\ndefault_area: null\nareas: []\n")
    assert import_contacts.main([str(CSVS / "bad.csv"), "--out", str(out), "--partial"]) == 1
    directory = load_directory(out)
    assert directory.names() == ["Goodshire"]
    assert directory.get(None).example and directory.get(None).check_every_days == 90


def test_an_unknown_column_is_rejected(tmp_path, capsys):
    csv = tmp_path / "areas.csv"
    csv.write_text("area,mash_fone\nOneshire,01632 960001\n")
    assert import_contacts.main([str(csv), "--out", str(tmp_path / "out.yml")]) == 1
    assert "line 1: unknown column(s) ['mash_fone']" in capsys.readouterr().out


def test_check_names_the_area_and_field(tmp_path, capsys):
    bad = tmp_path / "contacts.yml"
    bad.write_text("areas:\n  - name: Badshire\n    eds: {phone: '999'}\n")
    assert import_contacts.main(["--check", str(bad)]) == 1
    assert "area 'Badshire': eds.phone: '999' is not a UK phone number" in capsys.readouterr().out


def test_the_shipped_and_example_files_pass_the_check(capsys):
    assert import_contacts.main(["--check", str(ROOT / "local_contacts.yml")]) == 0
    assert import_contacts.main(["--check", str(ROOT / "local_contacts.example.yml")]) == 0
    assert "OK: 0 area(s): none" in capsys.readouterr().out
