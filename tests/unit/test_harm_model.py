"""The harm model: likely significant harm or a welfare worry below it, read by meaning - on
kinds of situation it never saw in training."""

import numpy as np
import yaml

from paths import SPENT_SETS, measured_files
from rasa_plugins.nlu.harm_model import CORPUS_FILE, LOWER, SIGNIFICANT, SPENT_FILE, HarmModel, load_corpus


def test_the_corpus_has_many_kinds_on_both_sides_and_no_line_twice():
    corpus = load_corpus(CORPUS_FILE)
    for side in (SIGNIFICANT, LOWER):
        kinds = {k for _, s, k in corpus if s == side}
        assert len(kinds) >= 10, side
        for kind in kinds:
            assert sum(1 for _, s, k in corpus if (s, k) == (side, kind)) >= 10, kind
    assert len({t.lower() for t, _, _ in corpus}) == len(corpus), "a line under two kinds"


def test_only_spent_sealed_sets_train_it_and_each_by_its_label():
    """The spent sets' situations train the harm model (a referral or 999 label: significant; the
    lead's: lower); the sets still measured and the development sets never do."""
    spent = load_corpus(SPENT_FILE)
    sets = {kind.split(":")[0] for _, _, kind in spent}
    assert len(spent) >= 1000 and sets == SPENT_SETS
    assert all((side == LOWER) == kind.endswith("_lead") for _, side, kind in spent)
    trained = {" ".join(t.lower().split()) for t, _, _ in load_corpus()}
    for path in measured_files():
        data = yaml.safe_load(path.read_text())
        texts = [s["text"] for s in (data or {}).get("situations") or []] + [
            line["text"] for line in (data or {}).get("lines") or []
        ]
        assert not {" ".join(t.lower().split()) for t in texts} & trained, path


def test_kinds_held_out_of_training_are_still_told_apart():
    """Exploitation and a parent often late to collect, neither seen in training: the first reads
    as likely significant harm, the second well below it."""
    held_out = {"cce", "low_late_collection"}
    corpus = load_corpus()
    train = [(t, s) for t, s, k in corpus if k not in held_out]
    model = HarmModel(8.0).fit([t for t, _ in train], [s for _, s in train])
    exploited = [model.likelihood(t) for t, _, k in corpus if k == "cce"]
    late = [model.likelihood(t) for t, _, k in corpus if k == "low_late_collection"]
    assert np.mean(exploited) >= 0.6 and np.mean(late) <= 0.3, (np.mean(exploited), np.mean(late))
    assert min(exploited) > max(late) - 0.2
