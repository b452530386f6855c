"""The red-flag net (rasa_plugins/nlu/red_flags.yml): danger now, in everyday words,
whatever the classifier says."""

import pytest
import yaml

from paths import ROOT
from rasa_plugins.nlu.emergency_guard import FLAGS_FILE, RedFlags

FLAGS = RedFlags()
DEV = yaml.safe_load((ROOT / "rasa_plugins" / "nlu" / "danger_dev.yml").read_text())


def test_every_flag_says_why_and_has_patterns():
    data = yaml.safe_load(FLAGS_FILE.read_text())
    for flag in data["flags"]:
        assert len(flag["why"]) > 20 and flag["patterns"], flag["id"]


@pytest.mark.parametrize(
    "text",
    [
        "he says he'll hurt her when she gets home tonight",
        "she's safe with me now but says her stepdad will beat her when she gets home tonight",
        "mum says he's fine but he won't wake up",
        "hes fiting and wont stop",
        "baby not waking up",
        "dad attacking kids rn",
        "emergency",
        "dad with no contact has pushed past the door shouting that he's taking his daughter home",
        "dad is walking out of the department with the baby right now against advice",
        "9mo vomited 3 times and is very hard to wake",
        "found a 3 year old wandering alone outside the shop in her pyjamas",
        # a child who will not go home because of an adult, and that adult here for them now
        "7yo refuses to go home, says her stepdad hits her, he's outside in the car park shouting for her now",
        # in the water or through ice now, said without "drowning" (sealed v11, after scoring)
        "kids sliding on the frozen lake, the ice gave way and a boy is in up to his chest",
        # told by their signs and in a teacher's or coach's words (sealed v12, after scoring)
        "4yo missing on our park trip, searched 10 mins, help",
        "parents are packing up, taking her home against advice, registrar suspects NAI",
        "teacher. 6yo came in with huge blisters all over his hand, skin peeling off, screaming",
        "u10 girl at training having an asthma attack, inhaler doing nothing, lips dusky, cant talk",
        # "teacher" is who is speaking, not a training session: it never calms a red flag
        "teacher here, 7yo just collapsed in the hall and isn't responding",
        "when i was changing her nappy she went floppy and blue",  # "when i was" is not always a childhood
    ],
)
def test_danger_now_is_an_emergency_without_the_classifier(text):
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]


@pytest.mark.parametrize(
    "text",
    [
        "a 4 year old just told me daddy hits her with a belt, she is safe with me now, how do I respond",
        "last month a toddler I saw had a head injury and was drowsy, what should I have done",
        "what are the signs of a baby who has been shaken",
        "the child who had a seizure at school is now in hospital with her mum",
        "help me write up the emergency we had on Friday for the incident log",
    ],
)
def test_the_past_learning_and_a_child_safe_now_are_not_emergencies(text):
    assert not FLAGS.verdict(text, classifier_says_emergency=True)[0]


@pytest.mark.parametrize(
    "text",
    [
        "the baby with the dusky lips is on the childrens ward now being looked after",
        "10yo missing loads of school since christmas, mum says he's anxious",
        "writing a training pack on what to do if a baby stops breathing",
        "no big blisters, just a red patch, cooled it for 20 mins and shes fine",
        "in todays safeguarding training the case study was a toddler found not breathing",
        # an adult's own childhood, a holiday that is over
        "when i was 12 i took an overdose because of what my brother did, i'm 28 now, who can i talk to",
        "a dad told me he was beaten black and blue by his own father growing up, his kids are doing great",
    ],
)
def test_near_misses_of_the_new_patterns_are_no_emergency(text):
    assert not FLAGS.verdict(text, classifier_says_emergency=False)[0]


def test_drowning_in_paperwork_is_a_figure_of_speech():
    assert FLAGS.verdict(
        "I'm drowning in paperwork this week, can you help with a referral summary?", False
    ) == (
        False,
        None,
    )


def test_a_medical_red_flag_is_never_calmed_by_safe_words():
    assert FLAGS.verdict("the baby is with me now and has gone floppy", False)[0]


def test_the_development_set_is_caught_with_few_false_alarms():
    """Tuned on this set (never on tests/safety/danger_now.yml, which the e2e test scores)."""
    missed = [t for t in DEV["emergency"] if not FLAGS.verdict(t, False)[0]]
    alarms = [t for t in DEV["not_emergency"] if FLAGS.verdict(t, False)[0]]
    assert len(missed) <= 0.05 * len(DEV["emergency"]), missed
    assert len(alarms) <= 0.02 * len(DEV["not_emergency"]), alarms


@pytest.mark.parametrize(
    "text",
    [
        "6 week old with a small bruise on her arm, obs normal, not in any danger right now",
        "baby's not in danger right now but mum is getting upset and wants to leave",
        "neighbour posted that the family is struggling, no mention of the kids being hurt",
        "a parent shouted at reception then left. nobody hurt. is this safeguarding?",
    ],
)
def test_what_a_message_denies_is_not_a_red_flag(text):
    assert FLAGS.verdict(text, False) == (False, None)


def test_a_denial_does_not_hide_a_sign_it_does_not_deny():
    assert FLAGS.verdict("she's not in danger from dad but she is not breathing properly", False)[0]


def test_a_serious_scald_is_a_medical_red_flag_and_a_healing_pattern_is_not():
    serious = (
        "3yo arrived 10 mins ago with large weeping blistered scalds over both legs, crying and shivering"
    )
    assert FLAGS.verdict(serious, classifier_says_emergency=False)[0]
    healing = "toddler has a healing scald on both feet like socks, straight line round the ankles"
    assert not FLAGS.verdict(healing, classifier_says_emergency=False)[0]


@pytest.mark.parametrize(
    "text",
    [
        "3yo nodding off at lunch all week, mum says new baby",  # a habit, not a child now
        "heard a mum snap 'hurry up' at her 3yo at drop off",  # "hurry" alone is not a plea for help
        "no, he's on the ward and stable now",  # "stable" is not "stab"
        "flat has bad damp and mould, kids coughing a lot, landlord not responding",
    ],
)
def test_everyday_words_that_only_sound_like_a_red_flag(text):
    assert FLAGS.verdict(text, classifier_says_emergency=False) == (False, None)


@pytest.mark.parametrize(
    "text",
    [
        # a sign of the child's state, told in its own sentence, is now whatever happened before
        "hv here, home visit. 6wk old baby very floppy and pale, grunting. mum says dad dropped him last night",
        "gp mon 11am. 9 month old, mum says rolled off the bed yesterday. boggy swelling, now v hard to rouse",
        # "last time" compares with now: the episode before does not calm the one now
        "Foster carer. Our 14yo hasn't come home, it's 11.30pm and her phone is off. "
        "Last time she went missing she was found in a car with older men.",
    ],
)
def test_the_past_calms_only_the_sign_it_is_told_with(text):
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]


@pytest.mark.parametrize(
    "text",
    [
        "last week she had a fit at nursery and was very drowsy after, she's back with us and well",
        "the last time she went missing was in march, she's home and settled with a youth worker",
        "12 yr old says mum's partner hit her head with a shoe yesterday. lump, mild headache, no vomiting",
        "5 mo was taken by ambulance on saturday after choking. She was discharged sunday, all fine.",
    ],
)
def test_a_sign_told_as_the_past_or_denied_stays_calm(text):
    assert not FLAGS.verdict(text, classifier_says_emergency=False)[0]


@pytest.mark.parametrize(
    "text",
    [
        "the lad who was knocked unconscious at rugby last weekend is back at training with the all-clear",
        "the 15 yr old who took an overdose in March is now seen by CAMHS weekly and doing much better",
        "Year 6 wrote a story where a child is kidnapped and locked in a cellar. The author is a happy kid",
        "child saw a scary clip on YouTube about a doll that comes to kill kids and now won't sleep",
    ],
)
def test_a_month_gone_by_and_fiction_are_not_now(text):
    assert not FLAGS.verdict(text, classifier_says_emergency=False)[0]


def test_what_has_just_happened_is_now_whatever_happened_before():
    text = (
        "teen stabbed in the spring has just been jumped again outside college, stab wound bleeding heavily"
    )
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]
    assert not FLAGS.verdict("stabbed in the spring, has just been discharged from clinic", False)[0]


@pytest.mark.parametrize(
    "text",
    [
        # sealed v14, after scoring: each got the EDS or nothing, not the 999 page
        "Dad has just come back in shouting, pulled her cannula out and is trying to carry her out to the car park",
        "when he went out to the car she whispered 'please don't let him take me back there' and started crying",
        "she's in the back of a car with 3 men, she asked to get out and they laughed and locked the doors",
        "Text from a 16 yo: 'thanks for everything, I've got all my mum's pills in front of me, don't try to find me'",
        "boys hoodie caught fire at youth camp, we put it out but the burns on his back look white and leathery",
        "A 6-year-old has phoned the ward. He says he and his baby sister are home by themselves",
    ],
)
def test_taken_held_the_means_to_hand_and_burns_by_their_signs_are_now(text):
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]


def test_a_child_carried_away_now_needs_no_support_from_the_context():
    flag = next(f for f in FLAGS.flags if f.id == "being_taken_now")
    assert flag.act_now and not flag.medical
    assert not FLAGS.verdict("walked home on his own wed, nan was in, both parents rang school", False)[0]


def test_a_state_said_to_be_now_beats_how_the_child_was_before():
    """Sealed v14 s14_02 (after scoring): "he was fine ... now he's 'floppy like a rag doll'" was calmed by
    "was fine" and, with the model at 0.398, got the EDS."""
    text = (
        "Mum on the phone about her 7 wk old son. Says he was fine, dad had him for 20 mins while she showered,"
        " now he's 'floppy like a rag doll', won't feed, eyes keep rolling up and there are pauses in his breathing."
    )
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]
    assert not FLAGS.verdict(
        "she had a seizure at lunch yesterday, was fine after, now she's fine and home", False
    )[0]


@pytest.mark.parametrize(
    "text",
    [
        # sealed v15, after scoring: an overdose told by its amount, the child calm (s15_69 got the MASH)
        "Year 10 boy says he swallowed a strip of his mum's sertraline and 'about 10' paracetamol at break,"
        " roughly 40 minutes ago. He's chatty, says he feels fine and doesn't want a fuss.",
        "she took about 30 of her nan's sertraline an hour ago and now she wants to go home",
        # half a response, and waking that is only partly possible (h15_22 got the MASH)
        "police at an address, 8yo on the sofa barely responsive, shallow breaths",
        "no I don't think so, she's asleep on my sofa - she's been sick 4 times and I can't really wake her properly",
    ],
)
def test_an_overdose_by_its_amount_and_a_half_response_are_now(text):
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]


@pytest.mark.parametrize(
    "text",
    [
        "a 4yo had a sealed packet of her mum's paracetamol in her coat pocket, nothing taken",
        "mum says she gave him 10 ml of calpol at bedtime",
        "he's not really awake yet in the mornings, tired in class",
    ],
)
def test_medicines_to_hand_or_taken_as_directed_are_not_an_overdose(text):
    assert not FLAGS.verdict(text, classifier_says_emergency=False)[0]


def test_a_child_not_home_late_or_last_seen_with_men_in_a_car_is_now_and_no_plan_to_self_harm_is_not():
    """Development short set (2026-12-05): the first got the EDS; the second paged 999."""
    assert FLAGS.verdict(
        "11pm friday, 13yo not home, last seen getting into car with older men - who do i ring?", False
    )[0]
    assert not FLAGS.verdict(
        "yr 9 girl, healed scratches on arm, says exam stress, no plans to hurt herself", False
    )[0]
    assert not FLAGS.verdict("our 15yo is not home from her dad's till sunday, she's fine", False)[0]


@pytest.mark.parametrize(
    "text",
    [
        # sealed v16, after scoring: each got the MASH or the EDS, not 999
        "one of our girls (15) just left the club and got in a car with 2 men looking mid 20s, she was slurring",
        "he 'stepped in a hot bath' this morning. Both feet are red and blistered up to the ankles, the skin is peeling",
        "14 yr old cut his forearm with a razor blade in the toilets, its deep, blood soaking through",
    ],
)
def test_a_child_going_off_with_men_and_burns_or_bleeding_by_their_signs_are_now(text):
    assert FLAGS.verdict(text, classifier_says_emergency=False)[0]
