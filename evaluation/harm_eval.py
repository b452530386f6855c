"""`make eval-harm`: how well the harm model tells likely significant harm from a welfare
worry below it, where the words are much alike.

Leave-one-kind-out on its corpus (rasa_plugins/nlu/harm_corpus.yml): each kind of situation
(cce, low_hygiene, ...) is read by a model trained without any line of that kind, so the
figures are for kinds of situation it has never seen, not for phrasings of ones it has.
Then the development set (tests/dev/harm.yml), read by the model trained on the whole corpus.
For each C and threshold: the share of significant-harm lines read as such (the rest are
asked about, never assumed below it) and of lower ones read as significant (a needless
referral). The settings in config.yml (SituationDetector `harm_c`, `harm_threshold`) are
chosen here.
Usage: .venv/bin/python evaluation/harm_eval.py [C ...]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import numpy as np  # noqa: E402
import yaml  # noqa: E402

from rasa_plugins.nlu.harm_model import SIGNIFICANT, HarmModel, load_corpus  # noqa: E402

DEV_FILE = Path(__file__).resolve().parent.parent / "tests" / "dev" / "harm.yml"
THRESHOLDS = (0.4, 0.45, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)
# Candidates for `harm_below` (a description read below it shows no sign of significant harm).
FLOORS = (0.01, 0.02, 0.05, 0.1, 0.15)


def dev_lines():
    data = yaml.safe_load(DEV_FILE.read_text(encoding="utf-8")) if DEV_FILE.exists() else {}
    return [(line["text"], line["route"] == "refer_now") for line in data.get("lines") or []]


def rates(p: np.ndarray, significant: np.ndarray, threshold: float) -> str:
    read = p >= threshold
    return (
        f"{threshold}: significant read {read[significant].mean():.2f},"
        f" lower read as significant {read[~significant].mean():.2f}"
    )


def floors(p: np.ndarray, significant: np.ndarray) -> str:
    """Below each floor: how many significant lines (each one sent to the lead's route), and
    the share of lower ones (spared the question)."""
    return " | ".join(
        f"below {f}: significant {(p[significant] < f).sum()}, lower {(p[~significant] < f).mean():.2f}"
        for f in FLOORS
    )


def main(cs) -> None:
    corpus = load_corpus()
    texts = np.array([t for t, _, _ in corpus], dtype=object)
    sides = np.array([s for _, s, _ in corpus])
    kinds = np.array([k for _, _, k in corpus])
    significant = sides == SIGNIFICANT
    print(
        f"{len(texts)} lines, {len(set(kinds))} kinds: significant {significant.sum()}, lower {(~significant).sum()}"
    )
    dev = dev_lines()
    for c in cs:
        p = np.zeros(len(texts))
        for kind in sorted(set(kinds)):
            held = kinds == kind
            model = HarmModel(c).fit(list(texts[~held]), list(sides[~held]))
            p[held] = [model.likelihood(t) for t in texts[held]]
        print(f"C={c} leave-one-kind-out | " + " | ".join(rates(p, significant, t) for t in THRESHOLDS))
        print(f"C={c} leave-one-kind-out | " + floors(p, significant))
        for kind in sorted(set(kinds)):
            held = kinds == kind
            print(
                f"    {kind:34s} mean p {p[held].mean():.2f}  min {p[held].min():.2f}  max {p[held].max():.2f}"
            )
        if dev:
            model = HarmModel(c).fit(list(texts), list(sides))
            dp = np.array([model.likelihood(t) for t, _ in dev])
            ds = np.array([s for _, s in dev])
            print(f"C={c} development set ({len(dev)}) | " + " | ".join(rates(dp, ds, t) for t in THRESHOLDS))
            print(f"C={c} development set ({len(dev)}) | " + floors(dp, ds))


if __name__ == "__main__":
    main([float(c) for c in sys.argv[1:]] or [1.0, 4.0, 16.0])
