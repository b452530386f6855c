"""Does a message describe a concern about a particular child, rather than ask about a topic?

"It's 7pm and a baby of 3 months has a bruise on her cheek, who do I call?" is a
situation: it gets the route its facts give. "What should I do if a non-mobile baby has
a bruise?" is a topic question: it gets the topic's answer. A situation names a concern
the rules act on (an injury, neglect, something a child said, an adult's behaviour) and
something particular: an age, a time, a person, "I've just seen", "mum says".
"""

from __future__ import annotations

import re
from dataclasses import replace

from situation.reader import Facts, normalise

CONCERNS = ("injury", "neglect", "disclosure", "violence", "adult", "unknown")
ADULT = 18 * 12  # months

GENERAL = re.compile(
    r"^(what (is|are|does|do|counts|happens|was|were|did)|what'?s (a|an|the)|define|explain|tell me (about|more)"
    r"|how (does|do|is|are|long|many|often|should|can)|who (is|are|was)|why|when (is|are|does|should|do|did)"
    r"|is it|are there|does|do i need|in luke|luke|can you (explain|tell)|give me|list|quiz|summar)\b"
)
HYPOTHETICAL = re.compile(
    r"\b(what does the guidance|guidance say|policy|policies|procedure for|at what point|red flag|could (this|that|it) be"
    r"|should (that|this) worry|what do other|what if|if (an?|the|my|our|you|i|we|one|there)|when (an?|you)|suppose"
    r"|hypothetical\w*|for example|in general"
    # "how would I teach this" is a trainer's question; "I teach at a special school" is who is speaking
    r"|generally|usually|scenario|training|teach(ing)? (this|that|it|about|staff|students)|case review|the review"
    r"|in luke'?s case|luke)\b"
)
PARTICULAR = re.compile(
    r"\b(i'?ve (got|seen|just|noticed|had|been)|i have (a|an|just|seen|noticed)|we'?ve (got|had|just|noticed)|we have (a|an)"
    r"|there'?s (a|an)|this (child|baby|boy|girl|toddler|kid|little one|morning|afternoon|evening|week)"
    r"|today|tonight|yesterday|just now|earlier|came in|brought in|turned up|arrived"
    r"|at (drop[- ]?off|pick[- ]?up|the check|clinic)"
    r"|in (clinic|surgery|the baby room|my room)|on a home visit|home visit|one of (our|my)|my (patient|client|mindee)"
    r"|(mum|dad|mother|father|parents?|carers?|gran\w*|nan) (says|say|said|told|explained|claims|reckons)"
    r"|(he|she)('s| is| has| was| had| keeps| told| said)|(his|her) (mum|dad|mother|father|cheek|arm|leg|head|face|back|ear|bottom|neck)"
    r"|a (baby|child|boy|girl|toddler|kid|pupil|patient) (of|aged|who|with|has|in)|who do i (call|ring|phone|contact|tell)"
    r"|what (do|should) i do( now)?\??$|i'?m worried about (a|this|my|our|one)"
    # something said to this practitioner: "said to me at lunch", "told us this morning"
    r"|(said|told|tells|says|disclosed|whispered|mentioned) (it )?(to )?(me|us|my \w+|our \w+))\b"
    # who is speaking: "hv,", "gp here", "childminder -"
    r"|^(hv|gp|nurse|health visitor|childminder|nursery|teacher|sw|social worker|dsl|school nurse|midwife)\b[ ,.:-]"
)

# Words quoted from a child or a carer ("'he hurts me if I cry'") are what was said, not how the
# practitioner asks: a quote's "if I" or "what is" makes no question general or hypothetical.
QUOTED = re.compile(r"(?<![a-z])'(?:[^']|(?<=[a-z])'(?=[a-z]))*'(?![a-z])|\"[^\"]*\"")


def describes_situation(
    text: str,
    facts: Facts,
    concern_hint: str | None = None,
    significant: bool = False,
    unplaced: bool = False,
    told: bool = False,
) -> bool:
    """True for a concern about a particular child, told as it is; False for a question about a topic.
    `concern_hint`: the concern the message's meaning suggests when the reader's words find none
    (the topic classifier's reading, or a cue of danger) - "she's limping and won't let me touch
    her arm, 20 months" names no injury word the reader knows. `significant`: the harm model reads
    likely significant harm - a worry of any kind then counts as the concerns the rules act on.
    `unplaced`: no topic is a fair guess for the message - a worry of another kind told with
    something particular ("7yo always shattered in class lately, mum says he's a bad sleeper")
    is then a situation (the lead's route and the questions that could change it), not
    "did you mean". `told`: the situation gate is sure, by meaning, that a situation is told -
    one more particular."""
    if facts.esc_concern is None and concern_hint is not None:
        facts = replace(facts, esc_concern=concern_hint)
    if facts.esc_concern is None:
        return False
    words = normalise(text)
    particulars = sum(
        (
            bool(PARTICULAR.search(words)),
            facts.age_months is not None and facts.age_months < ADULT,  # "a 60 year old" is no child
            facts.esc_office_hours is not None,
            facts.esc_known is not None,
            facts.esc_injury in ("explanation", "both"),
            told,
        )
    )
    asked = QUOTED.sub(" ", words)
    if GENERAL.search(asked) and particulars < 2:
        return False
    if HYPOTHETICAL.search(asked) and particulars < 2:
        return False
    # A worry of another kind needs more that is particular to count as a situation.
    if facts.esc_concern in CONCERNS or significant:
        return particulars >= 1
    return particulars >= (2 if unplaced else 3)
