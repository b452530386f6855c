"""`make eval-passages`: the quoted-passage measure alone, without the 10 trainings of `make eval`.

Runs the held-out lines through the full bot (action server + Rasa server, REST), as
`make eval` does, and scores the passages quoted on the lines that fell back
(nlu_eval/passages.py); updates only that section of docs/EVALUATION.md and writes
results/eval/passages.json. Usage: .venv/bin/python evaluation/passages_eval.py
"""

import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parent.parent / "scripts")]
sys.path.insert(0, str(Path(__file__).parent.parent))
import yaml  # noqa: E402

from actions.answers.passages import PassageIndex  # noqa: E402
from actions.content.knowledge_base import load_knowledge_base  # noqa: E402
from actions.content.passage_settings import load_passage_settings  # noqa: E402
from nlu_eval import bot_run, datasets, passages, report  # noqa: E402

ROOT = datasets.ROOT
OUT = ROOT / "results" / "eval"


def measure(turns, examples) -> dict:
    """The bot's fallbacks scored, and the retrieval alone on every held-out topic line."""
    contract = yaml.safe_load((ROOT / "docs" / "contract" / "topics.yml").read_text())["topics"]
    settings = load_passage_settings()
    index = PassageIndex.build(load_knowledge_base(), settings)
    result = passages.score(turns, passages.quote_lookup(index, settings), contract)
    result["retrieval_only"] = passages.retrieval_only(examples, index, contract)
    result["retrieval_out_of_scope"] = passages.retrieval_out_of_scope(examples, index, contract)
    # The topic lines the bot did not answer with their topic (any way): where a passage could help most.
    missed = [(t["expected"], t["text"]) for t in turns if bot_run.answered(t) != t["expected"]]
    result["retrieval_on_misses"] = passages.retrieval_only(missed, index, contract)
    result["min_score"] = settings.min_score
    return result


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    heldout, _ = datasets.heldout_examples(datasets.domain_intents())
    print(f"==> Full bot: {len(heldout)} held-out lines over REST (servers log to logs/eval-*.log)")
    turns = bot_run.run_heldout(heldout)
    result = measure(turns, heldout)
    (OUT / "passages.json").write_text(json.dumps(result, indent=2))
    (OUT / "passages_turns.json").write_text(json.dumps(turns, indent=2))
    report.write_section(ROOT / "docs" / "EVALUATION.md", report.passages_section(result))
    print(
        f"    {result['fell_back']} of {result['lines']} lines fell back ({result['fell_back_topic_lines']} "
        f"of a topic); first passage from the expected topic: {result['hits']}/"
        f"{result['fell_back_topic_lines']} (hit rate {result['hit_rate']}); "
        f"retrieval alone on all topic lines: {result['retrieval_only']['hit_rate']}"
    )
    print("==> Updated the quoted-passages section of docs/EVALUATION.md; results/eval/passages.json")


if __name__ == "__main__":
    main()
