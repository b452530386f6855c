"""`make eval-danger`: how the danger-now model generalises, measured on the training lines.

Leave-one-kind-out cross-validation: for each kind of emergency (and of alarming
non-emergency) in rasa_plugins/nlu/danger_corpus.yml, train without that kind and test on
it - a kind of emergency nobody wrote down is the case that matters. A kind's minimal pairs
(now_<kind>, over_<kind>: the same subject on the other side of the line) leave with it. Then the model
trained on everything, on the development sets (danger_dev.yml, tests/safety/danger_now.yml,
the 999 lines of tests/dev/situations.yml), at the thresholds around the one in config.yml,
with the red flags as the floor beside it. The sealed sets are not read here.
Usage: .venv/bin/python evaluation/danger_eval.py [C ...]
"""

import glob
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import numpy as np  # noqa: E402
import yaml  # noqa: E402

from rasa_plugins.nlu.danger_model import DangerModel, load_corpus  # noqa: E402
from rasa_plugins.nlu.emergency_guard import RedFlags  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
THRESHOLDS = (0.3, 0.4, 0.5)
# A minimal pair's kind names the kind it mirrors.
PAIRED = re.compile(r"^(now|over)_")
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def training_lines():
    """(texts, labels, kinds): the corpus by kind, and the NLU data (kind "nlu")."""
    texts, labels, kinds = [], [], []
    for text, label, kind in load_corpus():
        texts.append(text), labels.append(label), kinds.append(kind)
    for path in sorted(glob.glob(str(ROOT / "data" / "nlu" / "*.yml"))):
        for item in yaml.safe_load(Path(path).read_text()).get("nlu", []):
            for line in (item.get("examples") or "").splitlines() if "intent" in item else []:
                if line.strip().startswith("- "):
                    texts.append(ANNOTATION.sub(r"\1", line.strip()[2:]))
                    labels.append(int(item["intent"] == "emergency")), kinds.append("nlu")
    return texts, np.array(labels), np.array(kinds)


def development_sets():
    sets = {}
    for name, path in (
        ("danger_dev", "rasa_plugins/nlu/danger_dev.yml"),
        ("safety", "tests/safety/danger_now.yml"),
    ):
        data = yaml.safe_load((ROOT / path).read_text())
        sets[name] = (
            data["emergency"] + data["not_emergency"],
            [1] * len(data["emergency"]) + [0] * len(data["not_emergency"]),
        )
    situations = yaml.safe_load((ROOT / "tests" / "dev" / "situations.yml").read_text())["situations"]
    sets["dev_situations"] = (
        [s["text"] for s in situations],
        [int(str(s["route"]) == "999") for s in situations],
    )
    return sets


def main(cs) -> None:
    flags = RedFlags()
    texts, labels, kinds = training_lines()
    for c in cs:
        print(f"C={c}: leave one kind out (share of the held-out kind given 999, at {THRESHOLDS})")
        # A spent sealed set ("v4:kind") is held out whole: a writer the model never read.
        groups = np.array([PAIRED.sub("", kind).split(":")[0] for kind in kinds])
        said_by_line = np.zeros((len(texts), len(THRESHOLDS)), dtype=bool)
        for group in sorted(set(groups) - {"nlu"}):
            train = groups != group
            model = DangerModel(flags, c).fit(
                [t for t, k in zip(texts, train, strict=True) if k], labels[train]
            )
            for kind in sorted(set(kinds[~train])):
                held = kinds == kind
                p = model.probability([t for t, k in zip(texts, held, strict=True) if k])
                floor = np.array([flags.verdict(t, False)[0] for t, k in zip(texts, held, strict=True) if k])
                shares = " ".join(f"{np.mean((p >= th) | floor):.2f}" for th in THRESHOLDS)
                for i, th in enumerate(THRESHOLDS):
                    said_by_line[held, i] = (p >= th) | floor
                print(f"  {'emergency' if labels[held][0] else 'not     '} {kind:50s} {shares}")
        scored = kinds != "nlu"
        for i, th in enumerate(THRESHOLDS):
            said, truth = said_by_line[scored, i], labels[scored]
            print(
                f"  all kinds held out @{th}: emergencies given 999 {int(said[truth == 1].sum())}/{int((truth == 1).sum())},"
                f" non-emergencies given 999 {int(said[truth == 0].sum())}/{int((truth == 0).sum())}"
            )
        model = DangerModel(flags, c).fit(texts, labels)
        for name, (lines, truth) in development_sets().items():
            truth = np.array(truth)
            p = model.probability(lines)
            floor = np.array([flags.verdict(t, False)[0] for t in lines])
            for th in THRESHOLDS:
                said = (p >= th) | floor
                print(
                    f"  {name} @{th}: recall {int((said & (truth == 1)).sum())}/{int(truth.sum())},"
                    f" false alarms {int((said & (truth == 0)).sum())}/{int((truth == 0).sum())}"
                )


if __name__ == "__main__":
    main([float(c) for c in sys.argv[1:]] or [16.0])
