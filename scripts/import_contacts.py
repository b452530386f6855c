"""Build local_contacts.yml from a spreadsheet (CSV), one row per area, or check a contacts file.

    python scripts/import_contacts.py areas.csv [--out local_contacts.yml] [--partial]
    python scripts/import_contacts.py --check [local_contacts.yml]

A deploying organisation keeps its areas in a spreadsheet; this turns it into the
YAML file the action server reads, with the same checks the server makes at
start-up, and reports every rejected row by line and field. Nothing is written
while any row is rejected (unless --partial: then the good rows are), so a typo
never silently drops an area. The file's other settings (example,
check_every_days, default_area) are kept.

Columns (header row; unknown columns are an error, missing ones are empty):
area, aliases (separated by ;), mash_name, mash_phone, mash_hours,
consultation_name, consultation_phone, consultation_hours, eds_name, eds_phone,
eds_hours, lado_name, lado_phone, lado_hours, partnership_name, partnership_website,
office_days (e.g. mon;tue;wed;thu;fri), office_open, office_close (HH:MM), last_checked (YYYY-MM-DD).
"""

import argparse
import csv
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]

from actions.content.knowledge_base import KnowledgeBaseError  # noqa: E402
from actions.content.local_contacts import (  # noqa: E402
    DEFAULT_FILE,
    ContactsFile,
    Directory,
    load_directory,
    parse_area,
)

SERVICES = ("mash", "consultation", "eds", "lado")
COLUMNS = (
    ["area", "aliases"]
    + [f"{s}_{f}" for s in SERVICES for f in ("name", "phone", "hours")]
    + [
        "partnership_name",
        "partnership_website",
        "office_days",
        "office_open",
        "office_close",
        "last_checked",
    ]
)
HEADER = """# Local contacts for THIS deployment: the one place local phone numbers live.
# Written by scripts/import_contacts.py from {source}; edit the spreadsheet and
# import again, or edit here. Check with `make check-contacts`.
"""


def row_to_area(row: Dict[str, str]) -> dict:
    """A CSV row as the YAML layout of one area (empty cells left out)."""
    cell = {k: (v or "").strip() for k, v in row.items() if k}
    area: dict = {"name": cell.get("area", "")}
    if cell.get("aliases"):
        area["aliases"] = [a.strip() for a in cell["aliases"].split(";") if a.strip()]
    for service in SERVICES:
        values = {f: cell[f"{service}_{f}"] for f in ("name", "phone", "hours") if cell.get(f"{service}_{f}")}
        if values:
            area[service] = values
    partnership = {f: cell[f"partnership_{f}"] for f in ("name", "website") if cell.get(f"partnership_{f}")}
    if partnership:
        area["partnership"] = partnership
    if any(cell.get(c) for c in ("office_days", "office_open", "office_close")):
        area["office_hours"] = {
            "days": [d.strip().lower()[:3] for d in cell.get("office_days", "").split(";") if d.strip()],
            "start": cell.get("office_open", ""),
            "end": cell.get("office_close", ""),
        }
    if cell.get("last_checked"):
        area["last_checked"] = cell["last_checked"]
    return area


def read_csv(path: Path, settings: ContactsFile) -> Tuple[List[dict], List[str]]:
    """(areas accepted, one line per rejection: 'line N, area X: field: why')."""
    accepted, rejected, names = [], [], {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        unknown = [c for c in reader.fieldnames or [] if c and c.strip() not in COLUMNS]
        if unknown:
            return [], [f"line 1: unknown column(s) {unknown}; expected some of {COLUMNS}"]
        for row in reader:
            line = reader.line_num
            area = row_to_area(row)
            try:
                parse_area(area, line, settings, f"line {line}")
            except KnowledgeBaseError as error:
                rejected.append(str(error))
                continue
            spellings = [area["name"], *area.get("aliases", [])]
            clash = next((s for s in spellings if s.casefold() in names), None)
            if clash:
                rejected.append(
                    f"line {line}: area '{area['name']}': name or alias '{clash}' is also on line "
                    f"{names[clash.casefold()]}"
                )
                continue
            names.update({s.casefold(): line for s in spellings})
            accepted.append(area)
    return accepted, rejected


def current_settings(out: Path) -> dict:
    if not out.exists():
        return {}
    data = yaml.safe_load(out.read_text(encoding="utf-8")) or {}
    keep = ("example", "check_every_days", "default_area")
    return {k: data[k] for k in keep if k in data and "areas" in data}


def write(out: Path, settings: dict, areas: List[dict], source: Path) -> None:
    body = {
        "example": settings.get("example", False),
        "check_every_days": settings.get("check_every_days", 365),
        "default_area": settings.get("default_area"),
        "areas": areas,
    }
    if body["default_area"] not in [None, *(a["name"] for a in areas)]:
        body["default_area"] = None
    text = HEADER.format(source=source.name) + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)
    out.write_text(text, encoding="utf-8")


def check(path: Optional[Path]) -> int:
    try:
        directory: Directory = load_directory(path)
    except KnowledgeBaseError as error:
        print(f"Invalid: {error}")
        return 1
    print(f"OK: {len(directory.names())} area(s): {', '.join(directory.names()) or 'none'}")
    for name in directory.names():
        area = directory.get(name)
        missing = [s for s in SERVICES if not getattr(area, s).phone]
        stale = area.stale_note()
        if missing:
            print(f"  {name}: no number for {', '.join(missing)} (answers say where to find it)")
        if stale:
            print(f"  {name}: {stale}")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv", nargs="?", type=Path, help="the spreadsheet, saved as CSV")
    parser.add_argument("--out", type=Path, default=DEFAULT_FILE, help="the contacts file to write")
    parser.add_argument(
        "--partial", action="store_true", help="write the good rows even if some are rejected"
    )
    parser.add_argument("--check", nargs="?", const="", metavar="FILE", help="only check a contacts file")
    args = parser.parse_args(argv)
    if args.check is not None:
        return check(Path(args.check) if args.check else None)
    if args.csv is None:
        parser.error("name a CSV file, or --check")
    kept = current_settings(args.out)
    settings = ContactsFile.parse_obj({k: v for k, v in kept.items() if k != "default_area"})
    accepted, rejected = read_csv(args.csv, settings)
    for reason in rejected:
        print(f"Rejected: {reason}")
    if rejected and not args.partial:
        print(f"Nothing written: {len(rejected)} row(s) rejected, {len(accepted)} good (fix, or --partial).")
        return 1
    write(args.out, kept, accepted, args.csv)
    print(
        f"Wrote {len(accepted)} area(s) to {args.out}" + (f"; {len(rejected)} rejected" if rejected else "")
    )
    return check(args.out) or (1 if rejected else 0)


if __name__ == "__main__":
    sys.exit(main())
