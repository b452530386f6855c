"""Training data covers the contract; the held-out set stays out of training."""

from collections import Counter

from nlu_examples import ENTITY, HELDOUT, HELDOUT_INTERACTIVE, NEIGHBOURS, TRAINING, plain
from paths import INTERACTIVE_TOPICS, ROOT, load_domain, load_yaml

CONVERSATION_INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "bot_challenge",
    "help",
    "affirm",
    "deny",
    "out_of_scope",
}


def test_every_answered_topic_has_25_examples(answered_topics):
    counts = {topic: len(TRAINING.get(topic, [])) for topic in answered_topics}
    assert all(n >= 25 for n in counts.values()), counts


def test_conversation_intents_and_out_of_scope(answered_topics):
    assert CONVERSATION_INTENTS <= set(TRAINING)
    assert len(TRAINING["out_of_scope"]) >= 60


def test_domain_lists_exactly_the_trained_intents():
    domain = load_domain()
    assert sorted(domain["intents"]) == sorted(TRAINING)


def test_no_duplicate_examples():
    counts = Counter(plain(line) for lines in TRAINING.values() for line in lines)
    assert not [text for text, n in counts.items() if n > 1]


def test_only_glossary_and_help_group_examples_annotate_entities():
    """`term` belongs to the glossary, `group` to the menu; roles come from RoleDetector."""
    assert all("](term)" in line or "](term:" in line for line in TRAINING["glossary"])
    assert all("](group:" in line for line in TRAINING["help_group"])
    other = [
        line
        for intent, lines in TRAINING.items()
        if intent not in ("glossary", "help_group")
        for line in lines
        if ENTITY.search(line) or '{"entity"' in line
    ]
    assert not other


def test_one_rule_per_topic_intent(answered_topics):
    rules = load_yaml(ROOT / "data" / "rules" / "topics.yml")["rules"]
    by_intent = {rule["steps"][0]["intent"]: rule["steps"][1]["action"] for rule in rules}
    assert by_intent == {t: "action_answer_topic" for t in answered_topics if t != "emergency"}


def test_heldout_covers_every_topic_with_8_phrasings(contract_topics):
    heldout = {**HELDOUT, **HELDOUT_INTERACTIVE}
    short = {t: len(heldout.get(t, [])) for t in contract_topics if len(heldout.get(t, [])) < 8}
    assert not short
    assert set(HELDOUT_INTERACTIVE) <= INTERACTIVE_TOPICS
    assert len(HELDOUT.get("out_of_scope", [])) >= 50


def test_heldout_is_not_in_training():
    training = {plain(line) for lines in TRAINING.values() for line in lines}
    heldout = [
        line
        for sets in (HELDOUT, HELDOUT_INTERACTIVE, NEIGHBOURS)
        for lines in sets.values()
        for line in lines
    ]
    leaked = [line for line in heldout if plain(line) in training]
    assert not leaked


def test_follow_up_and_role_intents_have_20_examples():
    follow_ups = [
        "more_detail",
        "next_steps",
        "show_sources",
        "out_of_hours_followup",
        "why_luke",
        "tell_role",
        "role_view",
        "help_group",
    ]
    counts = {intent: len(TRAINING.get(intent, [])) for intent in follow_ups}
    assert all(n >= 20 for n in counts.values()), counts
