"""Who the user says they are: set from self-descriptions, not from any mention of a role."""

import pytest

from rasa_plugins.nlu.role_detector import find_role, load_role_words

WORDS = load_role_words()

SELF_DESCRIPTIONS = [
    ("I'm a practice nurse", "gp"),
    ("im a locum gp, what do i do", "gp"),
    ("I am a senior health visitor", "health_visitor"),
    ("I work in a nursery", "early_years"),
    ("as a childminder, what is section 17?", "early_years"),
    ("I'm the DSL at a pre-school", "early_years"),
    ("I'm a social worker", "social_worker"),
    ("I am a team leader", "manager"),
    ("I'm a trainer", "trainer"),
    ("I'm a paramedic", "other"),
]

MENTIONS_ONLY = [
    "should the GP attend the strategy discussion?",
    "what training do nursery staff need?",
    "I'm worried about a child at my nursery",
    "does the health visitor need to know?",
]


@pytest.mark.parametrize("text, role", SELF_DESCRIPTIONS)
def test_a_self_description_sets_the_role(text, role):
    assert find_role(text, WORDS, any_mention=False)[0] == role


@pytest.mark.parametrize("text", MENTIONS_ONLY)
def test_a_mention_in_a_question_does_not(text):
    assert find_role(text, WORDS, any_mention=False) is None


@pytest.mark.parametrize(
    "text, role",
    [
        ("what about for nursery staff?", "early_years"),
        ("and for GPs?", "gp"),
        ("health visitor here", "health_visitor"),
        ("how does it look for a family support worker", "social_worker"),
    ],
)
def test_about_roles_any_mention_counts(text, role):
    assert find_role(text, WORDS, any_mention=True)[0] == role


def test_the_longest_phrase_wins():
    # "nursery" alone would be early years; "community nursery nurse" is health visiting.
    assert find_role("I'm a community nursery nurse", WORDS, any_mention=False)[0] == "health_visitor"
