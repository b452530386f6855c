"""Metamorphic test: casing, punctuation and spacing never change what a question means.

Every held-out line (tests/nlu/heldout.yml) goes through the running server as typed and in
each variant of evaluation/nlu_eval/variants.py; the intent, and for a situation the topic
offered beside its route, must be the same every time. A case-sensitive featurizer or
lookup ("What is Section 17?" read as Section 47) fails it.
"""

from concurrent.futures import ThreadPoolExecutor

from test_heldout_nlu import answered

from nlu_eval.variants import VARIANTS
from nlu_examples import ENTITY, HELDOUT


def reading(bot, text):
    parsed = bot.parse(text)
    return parsed["intent"]["name"], answered(parsed)


def test_casing_punctuation_and_spaces_never_change_the_intent(bot):
    lines = sorted({ENTITY.sub(r"\1", line) for lines in HELDOUT.values() for line in lines})
    sent = [(line, name, variant(line)) for line in lines for name, variant in VARIANTS.items()]
    with ThreadPoolExecutor(4) as pool:
        typed = dict(zip(lines, pool.map(lambda line: reading(bot, line), lines), strict=True))
        varied = list(pool.map(lambda item: reading(bot, item[2]), sent))
    changed = [
        f"{name}: {text!r} -> {got} (as typed: {typed[line]})"
        for (line, name, text), got in zip(sent, varied, strict=True)
        if got != typed[line]
    ]
    print(f"\nVariants that changed the intent: {len(changed)}/{len(sent)}")
    assert not changed, "\n".join(changed)
