"""`make eval`: how well the bot understands practitioners, against a keyword baseline.

Writes docs/EVALUATION.md and results/eval/*.json; prints a short summary.
Usage: .venv/bin/python evaluation/evaluate.py [--skip-cv | --reuse-cv]
"""

import argparse
import datetime
import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "scripts")]
import yaml  # noqa: E402
from passages_eval import measure as measure_passages  # noqa: E402

from nlu_eval import baseline, bot_run, cross_validation, cv_sweep, datasets, report, scoring, thresholds  # noqa: E402

ROOT = datasets.ROOT
OUT = ROOT / "results" / "eval"


def contract_topics() -> set:
    return set(yaml.safe_load((ROOT / "docs" / "contract" / "topics.yml").read_text())["topics"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-cv", action="store_true", help="no cross-validation (it trains 5 times)")
    parser.add_argument("--reuse-cv", action="store_true", help="read the last cross-validation's reports")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    limits = thresholds.pipeline_thresholds()
    intents = datasets.domain_intents()
    topics = contract_topics() & intents
    heldout, skipped = datasets.heldout_examples(intents)
    training = datasets.training_examples()
    results = {
        "date": datetime.date.today().isoformat(),
        "heldout": {"thresholds": limits, "skipped": skipped},
    }

    print(f"==> Baseline (TF-IDF + logistic regression) on {len(training)} training examples")
    model = baseline.Baseline(limits).fit(training)
    predicted = model.predict([text for _, text in heldout])
    baseline_pairs = [
        (e, thresholds.answered_topic(p, topics)) for (e, _), p in zip(heldout, predicted, strict=True)
    ]
    results["heldout"]["baseline"] = scoring.score(baseline_pairs)

    print(f"==> Full bot: {len(heldout)} held-out lines over REST (servers log to logs/eval-*.log)")
    turns = bot_run.run_heldout(heldout)
    results["heldout"]["bot"] = scoring.score((t["expected"], bot_run.answered(t)) for t in turns)
    results["heldout"]["bot_or_offered"] = scoring.score(
        (t["expected"], bot_run.answered_or_offered(t)) for t in turns
    )
    results["heldout"]["threshold_sweep"] = thresholds.sweep(
        {"bot_nlu": [t["ranking"] for t in turns], "baseline": model.rankings([text for _, text in heldout])},
        [intent for intent, _ in heldout],
        topics,
        limits,
    )
    results["heldout"]["passages"] = measure_passages(turns, heldout)
    (OUT / "heldout_turns.json").write_text(json.dumps(turns, indent=2))

    if not args.skip_cv:
        cv_dir = OUT / "cross_validation"
        if not args.reuse_cv:
            print("==> 5-fold cross-validation of the NLU (trains 5 times, niced; log: logs/eval-cv.log)")
            cross_validation.run_rasa_cross_validation(cv_dir)
        results["cross_validation"] = {
            "bot": cross_validation.read_report(cv_dir),
            "baseline": baseline.cross_validate(training, limits),
        }
        print(
            "==> Threshold sweep by 5-fold cross-validation on the training data"
            " (log: logs/eval-cv-sweep.log)"
        )
        results["cv_sweep"] = cv_sweep.run(topics)
        best = results["cv_sweep"]["best"]
        print(
            f"    best: fallback threshold {best['threshold']}, ambiguity {best['ambiguity']} "
            f"(all correct {best['all_correct']})"
        )

    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    report.write(results, ROOT / "docs" / "EVALUATION.md")
    for name in ("bot", "baseline"):
        s = results["heldout"][name]
        print(
            f"    {name:<9} topic accuracy {s['topic_accuracy']}  out-of-scope rejection "
            f"{s['out_of_scope_rejection']}  emergency recall {s['emergency_recall']}"
        )
    if "cross_validation" in results:
        cv = results["cross_validation"]
        print(f"    CV macro-F1: bot {cv['bot']['macro_f1']}  baseline {cv['baseline']['macro_f1']}")
    print("==> Wrote docs/EVALUATION.md and results/eval/results.json")


if __name__ == "__main__":
    main()
