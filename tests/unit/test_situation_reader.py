"""The situation reader: the facts the rules need, from the words practitioners type."""

import datetime

import pytest

from situation.clock import OfficeHours
from situation.detect import describes_situation
from situation.reader import (
    age_in_months,
    explanation,
    injury_kind,
    mobility,
    named_harm,
    normalise,
    office_hours,
    read,
)

LONDON = OfficeHours()
THURSDAY_10AM = datetime.datetime(2026, 11, 26, 10, 0, tzinfo=datetime.timezone.utc)


@pytest.mark.parametrize(
    "words, months",
    [
        ("a baby of 3 months", 3),
        ("3/12 old", 3),
        ("6 week old", 6 / 4.345),
        ("newborn", 0),
        ("two year old", 24),
        ("4yo", 48),
        ("she's 18 months", 18),
        ("year 2 pupil", 84),
        ("2 and a half", 30),
        ("a year 3 girl", 96),
        ("a year old", 12),
        ("2 years 3 months", 27),
        ("1y 4m", 16),
    ],
)
def test_ages(words, months):
    assert age_in_months(words) == pytest.approx(months)


@pytest.mark.parametrize(
    "words",
    [
        "told us about a month ago",
        "a bruise for 2 weeks",
        "over the last 3 months",
        "abused him 2 years ago",
        "when is a doctors opinion needed",  # "is a" is no age of one
    ],
)
def test_a_time_ago_or_a_duration_is_not_an_age(words):
    """ "About a month ago" made a 10-year-old "1 month old", so not independently mobile."""
    assert age_in_months(words) is None


@pytest.mark.parametrize(
    "words, expected",
    [
        ("she's 3 months, not rolling yet", "not_mobile"),
        ("4 months, mobile, rolls everywhere", "not_mobile"),  # under 6 months: whatever is said
        ("7 months, sits up and rolls", "not_mobile"),  # rolling and sitting don't count
        ("5 year old with cerebral palsy, unable to walk", "not_mobile"),
        ("he is 4, uses a wheelchair", "not_mobile"),
        ("10 months, crawling everywhere", "under_1"),
        ("crawling baby", "under_1"),
        ("toddler", "under_3"),
        ("20 month old", "under_3"),
        ("6 year old", "over_3"),
        ("a teenager", "over_3"),
        ("a baby", None),  # age and movement not said: the helper asks
        ("7 month old, sits but no crawling", "not_mobile"),  # a movement denied is not a movement
        ("8 mo, hasn't started crawling yet", "not_mobile"),
        ("14mo, cruising not walking yet", "under_3"),  # cruising is moving about
        ("10 months, crawling but not walking", "under_1"),
        ("9 months, not crawling or cruising yet", "not_mobile"),
        ("can't walk, uses a wheelchair, crawls a bit", "not_mobile"),
    ],
)
def test_mobility_follows_the_definition(words, expected):
    assert mobility(words) == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        ("round burns like cigarette ends", "pattern"),
        ("scald on both feet in a sock shape with a sharp line", "immersion_scald"),
        ("a burn on his buttocks", "pattern"),
        ("a burn on the back of her hand", "pattern"),
        ("a burn on her forearm", "burn"),
        ("finger mark bruises on the arm", "pattern"),
        ("bite mark", "pattern"),
        ("swelling on the side of his head", "head"),
        ("bruise on her cheek", "soft_area"),
        (
            "a bruise on the top of his ear and swelling behind it",
            "head",
        ),  # the ear is the head, not the face
        ("bruise on his shin", "bruise"),
    ],
)
def test_injury_kinds(words, expected):
    assert injury_kind(words) == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        ("19:40", "out_of_hours"),
        ("ten to six", "out_of_hours"),
        ("just after tea", "out_of_hours"),
        ("easter monday", "out_of_hours"),
        ("boxing day at 11am", "out_of_hours"),
        ("26th dec", "out_of_hours"),
        ("25/12", "out_of_hours"),
        ("the spring bank holiday", "out_of_hours"),
        ("christmas eve at 11am", "in_hours"),  # not a bank holiday (a Thursday in 2026)
        ("tuesday 11am", "in_hours"),
        ("tuesday half past 4", "in_hours"),  # digits after "half past" as well as words
        ("quarter to 6 on a monday", "out_of_hours"),
        ("saturday morning", "out_of_hours"),
        ("tonight", "out_of_hours"),
        # A clock time says when it is; the night before, working nights and evenings are other times.
        ("wed 14:00, same nappy from the night before, mum works nights", "in_hours"),
        ("tuesday 2pm, dad has a few cans most evenings", "in_hours"),
        ("tuesday 10:30, the row was last night", "in_hours"),
    ],
)
def test_when(words, expected):
    assert office_hours(words, LONDON, THURSDAY_10AM) == expected


def test_a_whole_message_gives_every_fact_it_states():
    facts = read(
        "it's 7pm and a baby of 3 months has a bruise on her cheek, mum says she fell", LONDON, THURSDAY_10AM
    )
    assert facts.answers() == {
        "esc_concern": "injury",
        "esc_mobility": "not_mobile",
        "esc_injury_kind": "soft_area",
        "esc_office_hours": "out_of_hours",
    }


def test_a_fitting_account_of_an_ordinary_accident_in_a_mobile_child():
    facts = read("2 year old, bruise on his shin, fell over at the park, all fine", LONDON, THURSDAY_10AM)
    assert (facts.esc_mobility, facts.esc_injury) == ("under_3", "neither")


def test_a_head_bump_at_3_or_over_with_a_fitting_account_is_the_leads_but_not_a_toddlers():
    """The rules table: a head bump in a mobile child with a clear accidental cause that fits is not
    referred automatically; any bruise or swelling on a baby's head is (NG232)."""
    facts = read("3 yr old, small bump on her forehead, mum said she ran into the door frame", LONDON)
    assert (facts.esc_injury_kind, facts.esc_injury) == ("head", "neither")
    baby = read("10 month old crawling, bump on his forehead, mum said he crawled into the table", LONDON)
    assert (baby.esc_injury_kind, baby.esc_injury) == ("head", None)
    toddler = read("2 year old, bump on his forehead, mum said he fell off the sofa", LONDON)
    assert (toddler.esc_injury_kind, toddler.esc_injury) == ("head", None)  # asked: several? does it fit?


def test_the_child_telling_the_same_story_confirms_the_account():
    facts = read("4yo, bruise on her shin, mum says she fell at soft play and she told us the same", LONDON)
    assert facts.esc_injury == "neither"


@pytest.mark.parametrize(
    "text",
    [
        "it's 7pm and a baby of 3 months has a bruise on her cheek, who do i call?",
        "childminder here, 2yo came in with finger marks on his arm",
        "one of our pre-schoolers told me daddy hits her",
        "hv here, 4 month old with a mark on her tummy this morning",
        # a child's quoted words are what was said: their "if I" makes no hypothetical (sealed v11)
        "school nurse. a 7 year old told my colleague 'mummy's boyfriend hits me if I wet the bed'. no marks",
    ],
)
def test_situations_are_situations(text):
    assert describes_situation(text, read(text, LONDON))


@pytest.mark.parametrize(
    "text",
    [
        "what should i do if a non-mobile baby has a bruise?",
        "what is section 47?",
        "what counts as a patterned bruise",
        "in luke's case who saw the bruises?",
        "multiple injuries and inconsistent explanations - what does the guidance say",
    ],
)
def test_topic_questions_are_not_situations(text):
    assert not describes_situation(text, read(text, LONDON))


@pytest.mark.parametrize("calm, route", [(True, "safeguarding_lead"), (False, "eds")])
def test_out_of_hours_a_calm_concern_no_rule_makes_urgent_goes_to_the_lead_and_asks_if_it_can_wait(
    calm, route
):
    from actions.content.loaded import RULES
    from actions.escalation.situation import route_so_far

    answers = {"esc_concern": "adult", "esc_office_hours": "out_of_hours"}
    decision, questions = route_so_far(answers, RULES, calm)
    assert decision.route == route
    assert "esc_can_wait" in questions and "esc_harm" in questions
    # Said plainly that it cannot wait, or a concern a rule makes urgent: the EDS, calm or not.
    assert route_so_far({**answers, "esc_can_wait": "no"}, RULES, True)[0].route == "eds"
    assert route_so_far({**answers, "esc_concern": "disclosure"}, RULES, True)[0].route == "eds"
    assert route_so_far({**answers, "esc_harm": "yes"}, RULES, True)[0].route == "eds"


def test_the_classifiers_meaning_supplies_a_concern_the_readers_words_miss():
    from rasa_plugins.nlu.situation_detector import concern_hint

    text = "she keeps holding her arm funny and cries when I lift her, 20 months. mum said she's just clumsy"
    facts = read(text, LONDON)
    assert facts.esc_concern is None and not describes_situation(text, facts)
    ranking = [{"name": "emergency", "confidence": 0.3}, {"name": "nai_injuries", "confidence": 0.2}]
    assert concern_hint(ranking, {"cue": True}) == "injury"  # the top topic, past the non-topics
    assert describes_situation(text, facts, "injury")
    assert concern_hint([{"name": "section_17", "confidence": 0.6}], {"cue": True}) == "unknown"
    assert concern_hint([{"name": "section_17", "confidence": 0.6}], {"cue": False}) is None
    # A topic question stays a topic question, whatever the hint.
    question = "what should I do if a toddler is limping and mum says she's clumsy?"
    assert not describes_situation(question, read(question, LONDON), "injury")


@pytest.mark.parametrize(
    "words, expected",
    [
        ("2 in the morning", "out_of_hours"),
        ("half 7 at night", "out_of_hours"),
        ("8 in the evening", "out_of_hours"),
        ("10 in the morning on a tuesday", "in_hours"),
        ("3 in the afternoon", "in_hours"),
        ("yes just after lunch on a thursday", "in_hours"),
        ("yes, 11ish on a monday", "in_hours"),
        ("11ish at night", "out_of_hours"),
        # habits and other times are not the time now (development set of 2026-12-04)
        ("yr 4 boy falling asleep in lessons, says he's up late on the xbox", None),
    ],
)
def test_a_time_with_its_part_of_the_day(words, expected):
    assert office_hours(words, LONDON, THURSDAY_10AM) == expected


@pytest.mark.parametrize(
    "text, concern",
    [
        ("3yo with a red handprint on the back of her leg, fingers visible", "injury"),
        ("I found a boggy swelling above her left ear", "injury"),
        ("11 day old has a row of tiny pinprick red spots round her neck", "injury"),
        ("yr 8 told me stepdad makes her sleep in the shed when he's been drinking", "disclosure"),
        ("7 yr old told me her stepdad makes her stand out in the garden in the dark", "disclosure"),
        # an adult hurt by another at home, the child there: harm by seeing or hearing it (s31)
        ("mum told me her partner strangled her last night in front of the baby", "violence"),
        (
            "as I left she whispered that he shoved her into the wall while she was holding the baby",
            "violence",
        ),
        ("mum says her partner is drinking a lot and there are rows about money", "adult"),
    ],
)
def test_concerns_in_the_words_practitioners_type(text, concern):
    assert read(text, LONDON).esc_concern == concern


def test_what_a_message_rules_out_is_not_read_as_said():
    # Development set of 2026-12-04: "no disclosures" was a disclosure, "all weekend" the time now,
    # and "no other marks" made one fall's grazes several injuries.
    tired = "thurs 2pm. yr 2 girl falls asleep most afternoons, clean, fed, no marks, no disclosures"
    assert read(tired, LONDON).esc_concern != "disclosure"
    locked = "monday morning. yr 5 girl told her TA mum's boyfriend locks her in her bedroom all weekend"
    assert read(locked, LONDON, THURSDAY_10AM).esc_office_hours == "in_hours"
    grazes = "4yo with grazed knees, came off his scooter, he told me the same himself, no other marks"
    assert read(grazes, LONDON).esc_injury == "neither"


def test_injury_alone_names_no_kind_of_injury():
    """ "What is the concern?" - "injury": the kind is still asked, not taken as a plain bruise
    (which skipped the question that finds a head injury on a baby and the emergency department)."""
    facts = read("injury", LONDON)
    assert facts.esc_concern == "injury" and facts.esc_injury_kind is None
    assert read("an injury on his back", LONDON).esc_injury_kind == "soft_area"


@pytest.mark.parametrize(
    "words, expected",
    [
        # a working weekday with a working-hours time says when it is; tonight and the weekend are other events
        ("yr 8 lad told me about last night. 9.15 monday, he's sat in my office", "in_hours"),
        ("12 yr old says he wants to meet her this weekend. monday 2pm", "in_hours"),
        ("wednesday afternoon, she's going to her mum's tonight", "in_hours"),
        ("thurs 10am", "in_hours"),
        ("monday 10pm, she goes home tonight", "out_of_hours"),  # an out-of-hours time is never overruled
        ("sat 10am", "out_of_hours"),
        ("sunday afternoon", "out_of_hours"),
        ("he's sat in my office now, tuesday 11am", "in_hours"),  # "sat" the verb is not Saturday
        ("playing out in the sun all day", None),
        ("tuesday, mum collects at 5", None),  # a time arranged for later is not the time now
        ("no, I've left the house, he's at work till tonight", None),
        ("no, she's still here with me for now", None),  # "for now" is for the time being, not the clock
        ("17 yo disclosed last night's assault. he's staying at his girlfriend's tonight", None),
        ("mum says the respite carers must have done it lifting him at the weekend", None),
        ("on call, it's the weekend", "out_of_hours"),
    ],
)
def test_the_time_now_among_the_times_of_other_events(words, expected):
    assert office_hours(words, LONDON, THURSDAY_10AM, bare=False) == expected


def test_an_answer_to_the_danger_question_says_nothing_of_the_explanation_or_the_clock():
    """ "No bleeding now, she's calm" (is the child in danger?) was noted as "one injury with a fitting
    explanation" and "office hours", so the explanation question was never asked (sealed v6, c6_28)."""
    facts = read("no bleeding now, she's calm", LONDON, THURSDAY_10AM, now_is_the_clock=False)
    assert facts.esc_injury is None and facts.esc_office_hours is None


@pytest.mark.parametrize(
    "words, answering, expected",
    [
        ("no", True, "neither"),  # the answer to the explanation question itself
        ("no", False, None),
        ("mum says she slipped onto the bath edge. doesn't really fit the tear", False, "explanation"),
    ],
)
def test_the_explanation_said_and_a_bare_no(words, answering, expected):
    assert explanation(words, answering) == expected


def test_who_is_speaking_is_not_a_hypothetical():
    text = (
        "I teach at a special school. 8 year old with cerebral palsy, uses a wheelchair, can't move "
        "himself about at all. Bruise on his inner thigh. Parents say it'll be the hoist sling."
    )
    assert describes_situation(text, read(text, LONDON))


def test_a_mark_on_a_babys_head_is_a_head_injury_whatever_its_shape():
    baby = "10 week old, faint bruise over his left temple, parents say the car seat buckle"
    assert read(baby, LONDON).esc_injury_kind == "head"
    older = "7 year old, bruise over his left temple in the shape of a buckle"
    assert read(older, LONDON).esc_injury_kind == "pattern"


@pytest.mark.parametrize(
    "words",
    [
        "14mo not using right arm, swollen above the elbow",
        "x-ray shows a broken rib",
        "won't weight bear on his left leg since yesterday",
        "her forearm looks swollen and at a funny angle",
        "screams when you move his leg",
        "wrist, maybe broken?",
        "his wrist is really swollen and he can't grip his pencil",
    ],
)
def test_a_suspected_fracture_is_read_from_its_signs(words):
    assert injury_kind(words) == "fracture"


def test_a_skull_fracture_is_a_head_injury_and_a_shin_bruise_is_not_a_fracture():
    assert injury_kind("skull fracture") == "head"
    assert injury_kind("bruise on his shin") == "bruise"


def test_a_worry_no_topic_fits_told_with_two_particulars_is_a_situation():
    """'Did you mean' is no answer to a practitioner's worry; the lead's route and the questions are."""
    text = "7yo always shattered in class lately, mum says he's a bad sleeper"
    facts = read(text, LONDON)
    assert not describes_situation(text, facts, "other")
    assert describes_situation(text, facts, "other", unplaced=True)
    vague = "a child said something worrying today, what now?"
    assert not describes_situation(vague, read(vague, LONDON), "other", unplaced=True)


def test_an_adults_age_is_not_a_particular_about_a_child():
    text = "blood pressure target for a 60 year old"
    assert not describes_situation(text, read(text, LONDON), "injury")
    assert describes_situation("bruise on a 6 year old", read("bruise on a 6 year old", LONDON), "injury")


def test_grip_marks_are_a_pattern_and_a_weak_grip_is_not():
    assert injury_kind("grip marks on her upper arms") == "pattern"
    assert injury_kind("bruises where he gripped her") == "pattern"
    assert injury_kind("swollen wrist, can't grip a pen") == "fracture"


@pytest.mark.parametrize(
    "text",
    [
        "mum says her 8yo daughter will 'become a woman' with her cousins back home in the summer",
        "yr 6 girl says she'll get cut like her sister when they go back home",
        "new baby girl, maternity notes say mum has type 3 FGM",
        "worried about female genital mutilation for a 4 year old",
    ],
)
def test_fgm_done_or_planned_is_significant_harm_whatever_the_date(text):
    assert named_harm(normalise(text))


@pytest.mark.parametrize(
    "text",
    [
        "baby boy's circumcision is planned, a family tradition",
        "mum's hours were cut, she went back home to her mum's",
        "she's been cutting her arms again",
    ],
)
def test_other_cuts_and_a_boys_circumcision_are_not_fgm(text):
    assert not named_harm(normalise(text))


@pytest.mark.parametrize(
    "text, named",
    [
        ("GP: 12yo attended with mum, positive pregnancy test. Says the boyfriend is 15.", True),
        ("year 7 girl, 11, asking the pharmacist for the morning after pill", True),
        ("15 yo pregnant, boyfriend 16, both at college", False),  # harm read by meaning, not named
        ("12 year old says she is not sexually active, just asking about periods", False),
        ("mum is pregnant again and the 6yo is excited about the baby", False),
    ],
)
def test_sexual_activity_or_a_pregnancy_under_13_is_named_harm(text, named):
    assert named_harm(normalise(text)) == named


def test_head_lice_and_harm_said_not_to_happen_are_not_injuries_or_disclosures():
    lice = read("family keep getting head lice, the 7yo is scratching constantly", LONDON)
    assert (lice.esc_concern, lice.esc_injury_kind) == ("neglect", None)
    calm = read("13yo tearful, told me her parents argue loudly, nobody hits anyone", LONDON)
    assert calm.esc_concern != "disclosure"
    # ... but not when the words go on to say who does
    assert read("5yo said mummy never hurts me but her boyfriend does", LONDON).esc_concern == "disclosure"
    assert read("she told me daddy hits her", LONDON).esc_concern == "disclosure"


@pytest.mark.parametrize(
    "words, hours",
    [
        ("told me at drop-in today (tues) that she was raped at a party on saturday", None),
        ("it's tuesday 3pm, he was hurt at the weekend", "in_hours"),
        ("today (sat) he says he was hurt on tuesday", "out_of_hours"),
        ("raped at a party on saturday", "out_of_hours"),
        # the part of the day of something that happened says nothing of now
        ("she told me this morning mummy had blood on her face", None),
        ("gp, tuesday afternoon, he was hit this morning", "in_hours"),
    ],
)
def test_a_weekday_said_of_now_makes_the_other_days_the_storys(words, hours):
    assert office_hours(words, LONDON, THURSDAY_10AM, bare=False) == hours


@pytest.mark.parametrize("words", ["bruise", "leg injury", "a bruise on a 3 month old"])
def test_a_bruise_or_leg_injury_alone_leaves_the_kind_to_be_asked(words):
    """Sealed v10 (after scoring): "bruise" as the concern answer was "another bruise" and the kind
    question was skipped - the bruise was on a 7-month-old's ear (a head injury)."""
    facts = read(words, LONDON)
    assert facts.esc_concern == "injury" and facts.esc_injury_kind is None
    assert read("a bruise on his shin", LONDON).esc_injury_kind == "bruise"


@pytest.mark.parametrize(
    "words",
    ["burn", "a scald", "burn from a cup of tea", "burn on his arm", "burnt his hand on the oven door"],
)
def test_a_burn_without_its_shape_leaves_the_kind_to_be_asked(words):
    """Sealed v10 (after scoring): "burn" as the concern answer was "another burn" and the kind
    question was skipped - it was a scald with a tide line on the buttocks (the emergency department).
    Sealed v12 (after scoring): "burn on his arm" skipped it too - the shape of an iron was its answer."""
    facts = read(words, LONDON)
    assert facts.esc_concern == "injury" and facts.esc_injury_kind is None
    assert read("another burn, on his hand", LONDON).esc_injury_kind == "burn"
    assert read("a burn on his arm the shape of an iron", LONDON).esc_injury_kind == "pattern"


def test_marks_the_practitioner_could_not_see_are_no_injury():
    """Sealed v11 (after scoring): "... 'he hurts me if I cry'. I couldnt see any marks on him" was an
    injury with more than one hurt, not the child's disclosure."""
    facts = read("a 10 year old said 'dad hurts me when I cry'. I couldnt see any marks on him", LONDON)
    assert facts.esc_concern == "disclosure"


@pytest.mark.parametrize(
    "words",
    [
        "y10 girl took an overdose in october, was in hospital, now under camhs with a safety plan",
        "he now has a social worker who's been great",
        "baby is now staying with grandparents under a safety plan",
        "she's 34 now and having counselling",
        "mum is now engaging with early help",
    ],
)
def test_now_said_of_a_state_is_not_the_time_it_is(words):
    """ "Now under CAMHS" is how things stand these days, not the clock: read as the time, a past
    crisis told at night got the Emergency Duty Service (sealed v10, s10_66, scored after 2am)."""
    at_2am = datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.timezone.utc)
    assert office_hours(words, LONDON, at_2am, bare=False) is None
    assert office_hours("it's happening now, who do I call", LONDON, at_2am, bare=False) == "out_of_hours"


@pytest.mark.parametrize(
    "words",
    ["says stepdad grabbed her and shoved her last night", "said her brother pushed her down the stairs"],
)
def test_an_answer_that_starts_with_what_the_child_said_is_a_disclosure(words):
    """Sealed v12 (after scoring): the concern answer "says stepdad grabbed her ..." read as violence
    the child saw, so the injury questions and the paediatric opinion were skipped."""
    assert read(words, LONDON).esc_concern == "disclosure"
    assert read("her partner strangled her last night in front of the baby", LONDON).esc_concern == "violence"


def test_a_clock_time_with_am_or_pm_says_when_it_is_against_a_habit_at_night():
    """Sealed v12 (after scoring): "tuesday 9.30am ... locks me in the cupboard, sometimes all night" got
    the EDS - "9.30am" was not read as said exactly, and "all night" (a habit) as the time now."""
    words = (
        "tuesday 9.30am just after register. 7yo told me dad locks me in the cupboard, sometimes all night"
    )
    assert office_hours(words, LONDON, THURSDAY_10AM, bare=False) == "in_hours"


def test_an_accident_the_practitioner_watched_is_an_explanation_that_fits():
    facts = read("14mo cruiser, small bruise on shin, I watched him bump my coffee table. fine?", LONDON)
    assert facts.esc_injury == "neither"


@pytest.mark.parametrize(
    "words, expected",
    [
        ("PCSO, 03:20. Attended a domestic with response, kids safe with nan now", "out_of_hours"),
        ("tuesday 09:30, 4yo told me daddy hurt her", "in_hours"),
        ("tuesday 3:20, 4yo told me daddy hurt her", "in_hours"),  # no leading zero: the afternoon
    ],
)
def test_a_time_with_a_leading_zero_is_the_24_hour_clock(words, expected):
    """Sealed v13 (after scoring): "PCSO, 03:20" was read as 3.20pm and sent to the MASH."""
    assert office_hours(words, LONDON, THURSDAY_10AM, bare=False) == expected
