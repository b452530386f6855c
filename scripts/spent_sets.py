"""Rebuild the spent sealed sets' training copies: `danger_spent.yml` (danger model) and
`harm_spent.yml` (harm model) in rasa_plugins/nlu/.

A sealed set is spent once it has been scored; its lines are then phrasings nobody here wrote,
which is what the models need most. Sets still to be scored never go in (the unit tests check).
Usage: .venv/bin/python scripts/spent_sets.py 15   (the newest spent set: v1 .. v15)
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
NLU = ROOT / "rasa_plugins" / "nlu"
NEVER_EDITED = (
    "# Never edited: a line that reads wrong is a question for the sealed set, not for this copy.\n"
)


def spent_folders(newest: int):
    return [("sealed", "v1")] + [(f"sealed_v{n}", f"v{n}") for n in range(2, newest + 1)]


def situations(folder: str):
    return yaml.safe_load((ROOT / "tests" / folder / "situations.yml").read_text(encoding="utf-8"))[
        "situations"
    ]


def danger(newest: int) -> dict:
    out = {"emergency": {}, "not_emergency": {}}
    for folder, name in spent_folders(newest):
        data = yaml.safe_load((ROOT / "tests" / folder / "danger_now.yml").read_text(encoding="utf-8"))
        for key in out:
            for line in data[key]:
                out[key].setdefault(f"{name}:{line['kind']}", []).append(line["text"])
        for s in situations(folder):
            key = "emergency" if str(s["route"]) == "999" else "not_emergency"
            out[key].setdefault(f"{name}:situation_{'999' if key == 'emergency' else s['route']}", []).append(
                s["text"]
            )
    return out


def harm(newest: int) -> dict:
    """A situation the guidance refers now (or 999) shows likely significant harm; a lead's one does not."""
    out = {"significant": {}, "lower": {}}
    for folder, name in spent_folders(newest):
        for s in situations(folder):
            side = "lower" if s["route"] == "lead" else "significant"
            out[side].setdefault(f"{name}:situation_{s['route']}", []).append(s["text"])
    return out


def write(path: Path, header: str, data: dict) -> int:
    n = sum(len(v) for side in data.values() for v in side.values())
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
    path.write_text(header.format(n=n) + NEVER_EDITED + text, encoding="utf-8")
    return n


def main(newest: int) -> None:
    sets = f"tests/sealed, tests/sealed_v2 ... v{newest}"
    common = (
        f"# Each sealed set ({sets}) was written by a helper who saw neither the training data nor\n"
        "# the rules, and scored once. Once spent, its lines are development data, and phrasings nobody\n"
        "# here wrote are what the model needs most. Rebuilt by scripts/spent_sets.py.\n"
        '# Kinds are "set:kind", so an evaluation can hold each set out whole (a writer it never saw).\n'
    )
    n = write(
        NLU / "danger_spent.yml",
        "# Spent sealed sets as training lines for the danger model ({n} lines): their danger-now lines\n"
        "# and situations (a 999 label is danger now; refer_now or lead is not).\n" + common,
        danger(newest),
    )
    m = write(
        NLU / "harm_spent.yml",
        "# Spent sealed sets' situations as training lines for the harm model ({n} lines): a referral or\n"
        "# 999 label shows likely significant harm, a lead label does not.\n" + common,
        harm(newest),
    )
    print(f"danger_spent.yml {n} lines, harm_spent.yml {m} lines (sealed sets v1-v{newest})")


if __name__ == "__main__":
    main(int(sys.argv[1]))
