"""docs/EVALUATION.md from the results: generated tables, then the hand-written tuning log kept as is."""

from pathlib import Path
from typing import Dict, Optional

LOG_MARKER = "<!-- Everything below this line is hand-written and kept by `make eval`. -->"


def _pct(value: Optional[float]) -> str:
    return "-" if value is None else f"{value:.3f}"


def _hits(score: Dict, intent: str) -> str:
    hit = score["per_intent"].get(intent)
    return f"{hit['correct']}/{hit['total']}" if hit else "-"


def _targets_table(results: Dict) -> str:
    bot, base = results["heldout"]["bot"], results["heldout"]["baseline"]
    rows = [
        ("topic accuracy", "topic_accuracy", ">= 0.95"),
        ("out-of-scope rejection", "out_of_scope_rejection", ">= 0.90"),
        ("emergency recall", "emergency_recall", "1.0"),
    ]
    lines = [
        "| held-out measure | bot (full: NLU + dialogue + actions) | baseline (TF-IDF + LR) | target |",
        "|---|---|---|---|",
    ]
    lines += [f"| {label} | {_pct(bot[key])} | {_pct(base[key])} | {target} |" for label, key, target in rows]
    offered = results["heldout"].get("bot_or_offered")
    if offered:
        lines.append(
            f"| topic accuracy, counting a situation's route that offers the topic beside it "
            f"| {_pct(offered['topic_accuracy'])} | - | - |"
        )
    lines.append(
        f"| all held-out lines handled right | {_pct(bot['all_correct'])} | {_pct(base['all_correct'])} | - |"
    )
    lines.append(
        f"| emergency false alarms (non-emergency answered as 999) | {bot['emergency_false_alarms']} "
        f"| {base['emergency_false_alarms']} | - |"
    )
    cv = results.get("cross_validation", {})
    if cv:
        lines.append(
            f"| 5-fold CV intent macro-F1 (training data) | {_pct(cv['bot']['macro_f1'])} "
            f"| {_pct(cv['baseline']['macro_f1'])} | - |"
        )
    return "\n".join(lines)


def _per_intent_heldout(results: Dict) -> str:
    bot, base = results["heldout"]["bot"], results["heldout"]["baseline"]
    lines = ["| intent | bot | baseline |", "|---|---|---|"]
    lines += [
        f"| {intent} | {_hits(bot, intent)} | {_hits(base, intent)} |" for intent in sorted(bot["per_intent"])
    ]
    return "\n".join(lines)


def _misses(score: Dict, limit: int = 25) -> str:
    rows = [f"| {c['expected']} | {c['predicted']} | {c['count']} |" for c in score["confusions"][:limit]]
    return "\n".join(["| expected | answered | n |", "|---|---|---|"] + rows) if rows else "None."


def _sweep_table(rows) -> str:
    lines = [
        "| fallback threshold | bot NLU: topic acc. | OOS rejection | emergency recall "
        "| baseline: topic acc. | OOS rejection | emergency recall |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        b, s = row["bot_nlu"], row["baseline"]
        lines.append(
            f"| {row['threshold']} | {_pct(b['topic_accuracy'])} | {_pct(b['out_of_scope_rejection'])} "
            f"| {_pct(b['emergency_recall'])} | {_pct(s['topic_accuracy'])} "
            f"| {_pct(s['out_of_scope_rejection'])} | {_pct(s['emergency_recall'])} |"
        )
    return "\n".join(lines)


def _cv_tables(cv: Dict) -> str:
    bot, base = cv["bot"], cv["baseline"]
    lines = ["| intent | bot P | bot R | bot F1 | baseline F1 | support |", "|---|---|---|---|---|---|"]
    for intent, m in sorted(bot["per_intent"].items(), key=lambda item: item[1]["f1-score"]):
        b = base["per_intent"].get(intent, {})
        lines.append(
            f"| {intent} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1-score']:.3f} "
            f"| {b.get('f1-score', 0):.3f} | {m['support']} |"
        )
    pairs = ["| expected | predicted | n |", "|---|---|---|"] + [
        f"| {p['expected']} | {p['predicted']} | {p['count']} |" for p in bot["confused_pairs"]
    ]
    return "\n".join(lines) + "\n\nMost confused pairs (bot, all folds):\n\n" + "\n".join(pairs)


def _cv_sweep_table(sweep: Dict) -> str:
    lines = [
        "| fallback threshold | ambiguity | topic acc. | OOS rejection | emergency recall | all correct |",
        "|---|---|---|---|---|---|",
    ]
    for r in sweep["rows"]:
        mark = " **(best)**" if r == sweep["best"] else ""
        lines.append(
            f"| {r['threshold']}{mark} | {r['ambiguity']} | {_pct(r['topic_accuracy'])} "
            f"| {_pct(r['out_of_scope_rejection'])} | {_pct(r['emergency_recall'])} | {_pct(r['all_correct'])} |"
        )
    return "\n".join(lines)


PASSAGES_HEADING = "## Quoted passages on held-out fallbacks"


def passages_section(p: Dict) -> str:
    """The quoted-passage measure (nlu_eval/passages.py), for `make eval` and `make eval-passages`."""
    alone, misses = p["retrieval_only"], p["retrieval_on_misses"]
    oos = p.get("retrieval_out_of_scope")
    oos_row = (
        [
            f"| retrieval alone, all {oos['lines']} held-out out-of-scope lines: shown a passage | {oos['with_passage']} |"
        ]
        if oos
        else []
    )
    verdict = {True: "yes", False: "no", None: "(out of scope)"}
    rows = [
        f"| {r['expected']} | {r['text']} | {r['first_source'] or '(none)'} | {verdict[r['hit']]} |"
        for r in p["rows"]
    ]
    return "\n".join(
        [
            PASSAGES_HEADING,
            "",
            'When the bot is unsure ("did you mean"), it quotes up to two passages of the review or of a '
            "topic's answer text (`actions/answers/passages.py`: TF-IDF over character 3-5-grams and "
            "stemmed words, weighted by field, the question expanded with the glossary's aliases; shown at "
            f"a score of {p['min_score']} or more). A first passage hits when it is from the expected "
            "topic, or is a learning point the contract gives for that topic (the review's narrative "
            "sections count for case_summary and case_outcome). `make eval-passages` updates this "
            "section alone.",
            "",
            "| measure | value |",
            "|---|---|",
            f"| held-out lines through the full bot | {p['lines']} |",
            f'| fell back ("did you mean") | {p["fell_back"]} ({p["fell_back_topic_lines"]} of a topic, '
            f"{p['out_of_scope_fell_back']} out of scope) |",
            f"| topic lines that fell back and got a passage | {p['with_passage']} |",
            f"| **first passage from the expected topic** (of topic lines that fell back) | "
            f"{p['hits']}/{p['fell_back_topic_lines']} = {_pct(p['hit_rate'])} |",
            f"| ... of those that got a passage | {_pct(p['hit_rate_when_shown'])} |",
            f"| out-of-scope lines that fell back and got a passage | {p['out_of_scope_with_passage']} |",
            f"| retrieval alone, all {alone['topic_lines']} held-out topic lines: first passage right | "
            f"{alone['hits']}/{alone['topic_lines']} = {_pct(alone['hit_rate'])} "
            f"(shown on {alone['with_passage']}; right when shown {_pct(alone['hit_rate_when_shown'])}) |",
            f"| retrieval alone, the {misses['topic_lines']} topic lines the bot did not answer with their "
            f"topic: first passage right | {misses['hits']}/{misses['topic_lines']} = {_pct(misses['hit_rate'])} "
            f"(shown on {misses['with_passage']}) |",
            *oos_row,
            "",
            "| expected | held-out line | first passage's source | hit |",
            "|---|---|---|---|",
            *rows,
            "",
        ]
    )


def write_section(path: Path, section: str) -> None:
    """Replace the quoted-passages section of the generated part (or add it before the misses)."""
    text = path.read_text(encoding="utf-8")
    generated, marker, hand = text.partition(LOG_MARKER)
    if PASSAGES_HEADING in generated:
        before, _, after = generated.partition(PASSAGES_HEADING)
        rest = after[after.find("\n## ") + 1 :] if "\n## " in after else ""
        generated = before + section + "\n" + rest
    elif "## Held-out misses" in generated:
        before, _, after = generated.partition("## Held-out misses")
        generated = before + section + "\n## Held-out misses" + after
    else:
        generated = generated.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(generated + marker + hand, encoding="utf-8")


def render(results: Dict, hand_written: str) -> str:
    heldout = results["heldout"]
    skipped = ", ".join(f"{k} ({v})" for k, v in sorted(heldout["skipped"].items())) or "none"
    parts = [
        "# NLU evaluation",
        "",
        f"Generated by `make eval` on {results['date']} (model trained from this commit's data and "
        f"`config.yml`). Machine-readable results: `results/eval/` (not committed).",
        "",
        "The held-out phrasings (`tests/nlu/heldout.yml`, `tests/nlu/heldout_interactive.yml`) were "
        "written apart from the training data and never trained on (a unit test checks). Each goes "
        "to the **full bot** as a new conversation over the REST channel (real action server + Rasa "
        "server); what counts is the `topic` slot in the tracker afterwards - the topic the bot "
        "actually answered, or none (a glossary question answered with its term's own topic counts as "
        "glossary, as topics.yml allows). The **baseline** is what a keyword search would do: TF-IDF "
        "(word 1-2-grams + character 2-5-grams) and logistic regression trained on the same NLU "
        "examples, its probabilities put through the same rule as the bot "
        f"(fallback below {heldout['thresholds']['threshold']} or when the top two are within "
        f"{heldout['thresholds']['ambiguity_threshold']}; emergency wins at "
        f">= {heldout['thresholds']['emergency_threshold']}). Both are scored by one function "
        "(`evaluation/nlu_eval/scoring.py`).",
        "",
        f"Held-out: {heldout['bot']['topic_messages']} topic messages, "
        f"{heldout['bot']['out_of_scope_messages']} out-of-scope. "
        f"Interactive intents not in the domain yet (their lines were skipped): {skipped}.",
        "",
        "## Summary",
        "",
        _targets_table(results),
        "",
        "## Held-out, per intent (correct/total)",
        "",
        _per_intent_heldout(results),
        "",
        "## Held-out, other fallback thresholds",
        "",
        "The same held-out lines, the fallback threshold replayed offline on the stored intent rankings "
        "(the bot's from `/model/parse`, before its fallback and emergency rules; ambiguity and emergency "
        "thresholds unchanged). NLU decisions only, so the 0.5 row can differ slightly from the full-bot "
        "table above. It shows how much of the comparison is the threshold rather than the model.",
        "",
        _sweep_table(heldout["threshold_sweep"]),
        "",
        *([passages_section(heldout["passages"])] if "passages" in heldout else []),
        "## Held-out misses",
        "",
        "Bot:",
        "",
        _misses(heldout["bot"]),
        "",
        "Baseline:",
        "",
        _misses(heldout["baseline"]),
        "",
    ]
    cv = results.get("cross_validation")
    if cv:
        parts += [
            "## 5-fold cross-validation on the training data",
            "",
            "Bot: `rasa test nlu --cross-validation --folds 5` (the whole NLU pipeline, fallback and "
            "emergency guard included, so a fallback counts as a miss). Baseline: the same 5-fold "
            "split idea (stratified, seed 42) with the same fallback rule. Macro-F1 averages over the "
            f"trained intents. Bot intent accuracy {_pct(cv['bot']['accuracy'])}.",
            "",
            _cv_tables(cv),
            "",
        ]
    sweep = results.get("cv_sweep")
    if sweep:
        parts += [
            "## Thresholds chosen by cross-validation (training data only)",
            "",
            f"`evaluation/nlu_eval/cv_sweep.py`: {sweep['folds']} folds of the training examples, the classifier "
            "alone (no fallback or emergency guard) trained on four and ranking the fifth; every setting "
            f"replayed on those {sweep['lines']} rankings by the bot's own decision rule, scored on the "
            "contract topics and out-of-scope lines. The held-out sets play no part in the choice; the "
            "best row (emergency recall first, then all lines handled right) is the setting in config.yml "
            "when they agree.",
            "",
            _cv_sweep_table(sweep),
            "",
        ]
    return "\n".join(parts) + "\n" + LOG_MARKER + "\n" + hand_written.lstrip("\n")


def write(results: Dict, path: Path) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    hand_written = old.split(LOG_MARKER, 1)[1] if LOG_MARKER in old else "\n## Tuning log\n\n(none yet)\n"
    path.write_text(render(results, hand_written), encoding="utf-8")
