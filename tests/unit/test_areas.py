"""Many areas in one contacts file: validation naming area and field, drama numbers,
stale dates, matching what the practitioner says to an area, and each area's hours."""

import datetime
from pathlib import Path

import pytest

from actions.answers.render import Renderer
from actions.content.area_match import AreaMatcher
from actions.content.knowledge_base import KnowledgeBaseError
from actions.content.local_contacts import is_drama_number, load_directory
from paths import ROOT

EXAMPLE = ROOT / "local_contacts.example.yml"


@pytest.fixture(scope="module")
def directory():
    return load_directory(EXAMPLE)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contacts.yml"
    path.write_text(text)
    return path


def test_the_example_file_has_two_areas_and_no_fixed_one(directory):
    assert directory.names() == ["Exampleshire", "Sampleton"]
    assert directory.default_area is None
    assert directory.get(None).mash.phone is None
    assert "I work in Exampleshire" in directory.get(None).choose_hint


def test_the_same_topic_with_two_areas_numbers(kb, directory):
    one = Renderer(kb, directory.get("Exampleshire")).topic("mash_referral")[0]["text"]
    two = Renderer(kb, directory.get("Sampleton")).topic("mash_referral")[0]["text"]
    assert "01632 960001" in one and "0113 496 0001" not in one
    assert "0113 496 0001" in two and "01632 960001" not in two


def test_nothing_chosen_says_how_to_choose(kb, directory):
    text = Renderer(kb, directory.get(None)).topic("eds_escalation")[0]["text"]
    assert "your local Emergency Duty Service" in text
    assert 'Tell me the area you work in (for example "I work in Exampleshire")' in text


def test_one_area_is_the_fixed_area(tmp_path):
    path = write(tmp_path, "areas:\n  - name: Onlyshire\n    mash: {phone: '01632 960111'}\n")
    assert load_directory(path).get(None).area == "Onlyshire"
    assert load_directory(path).get("Elsewhere").area == "Onlyshire"


def test_default_area_must_be_one_of_the_areas(tmp_path):
    path = write(tmp_path, "default_area: Nowhere\nareas:\n  - name: Onlyshire\n")
    with pytest.raises(KnowledgeBaseError, match="default_area: 'Nowhere' is not one of the areas"):
        load_directory(path)


@pytest.mark.parametrize(
    "area, message",
    [
        (
            "  - name: Badshire\n    eds: {phone: 'ring the office'}\n",
            "area 'Badshire': eds.phone: 'ring the office' is not a UK phone number",
        ),
        (
            "  - name: Badshire\n    mash: {phone: '12345'}\n",
            "area 'Badshire': mash.phone: '12345' is not a UK phone number",
        ),
        (
            "  - name: Badshire\n    mash: {fone: '01632 960000'}\n",
            "area 'Badshire': mash.fone: extra fields not permitted",
        ),
        (
            "  - name: Badshire\n    last_checked: last week\n",
            "area 'Badshire': last_checked: invalid date format",
        ),
        (
            "  - name: Badshire\n    office_hours: {days: [mon], start: '9am', end: '17:00'}\n",
            "area 'Badshire': office_hours.start",
        ),
        (
            "  - name: Badshire\n    partnership: {website: www.example.org}\n",
            "area 'Badshire': partnership.website: 'www.example.org' is not a web address",
        ),
        ("  - mash: {phone: '01632 960000'}\n", "area 1: name: field required"),
    ],
)
def test_errors_name_the_area_and_field(tmp_path, area, message):
    with pytest.raises(KnowledgeBaseError) as error:
        load_directory(write(tmp_path, "areas:\n" + area))
    assert message in str(error.value)


def test_two_areas_cannot_share_a_spelling(tmp_path):
    path = write(tmp_path, "areas:\n  - name: Aville\n    aliases: [Bee]\n  - name: Bee\n")
    with pytest.raises(KnowledgeBaseError, match="area 'Bee': name or alias 'Bee' is also used by 'Aville'"):
        load_directory(path)


@pytest.mark.parametrize(
    "number, drama",
    [
        ("01632 960001", True),
        ("0113 496 0999", True),
        ("020 7946 0123", True),
        ("07700 900123", True),
        ("+44 7700 900123", True),
        ("01632 961001", False),
        ("020 7946 1234", False),
        ("0161 234 5678", False),
    ],
)
def test_drama_numbers_are_recognised(number, drama):
    assert is_drama_number(number) is drama


def test_a_drama_number_is_marked_even_outside_an_example_file(tmp_path):
    path = write(tmp_path, "areas:\n  - name: Testshire\n    eds: {phone: '020 7946 0002'}\n")
    assert load_directory(path).get(None).placeholders()["eds"] == (
        "your local Emergency Duty Service (out-of-hours children's social care) on 020 7946 0002 "
        "(example - not a real number)"
    )


def test_a_stale_area_says_when_it_was_last_checked(directory):
    sampleton = directory.get("Sampleton")
    note = sampleton.where_to_find({"eds"}, today=datetime.date(2026, 12, 2))
    assert note == (
        "These local numbers were last checked 15 January 2024: confirm them on "
        "https://www.example.com/sampleton-scp."
    )
    assert directory.get("Exampleshire").where_to_find({"eds"}, today=datetime.date(2026, 12, 2)) is None
    assert sampleton.where_to_find({"eds"}, today=datetime.date(2024, 6, 1)) is None


def test_an_unset_number_in_an_area_says_where_to_find_it(kb, directory):
    text = Renderer(kb, directory.get("Sampleton")).topic("lado_allegations")[0]["text"]
    assert "the Sampleton LADO" in text
    assert "find your LADO number on https://www.example.com/sampleton-scp" in text


def test_each_area_has_its_office_hours(directory):
    from actions.content.loaded import clock_for

    assert directory.get("Sampleton").office_hours.clock().describe() == "Mon-Fri 08:30-16:30"
    assert directory.get("Exampleshire").office_hours is None  # escalation.yml's hours
    assert clock_for("Exampleshire").describe() == clock_for(None).describe() == "Mon-Fri 09:00-17:00"
    friday_4_45pm = datetime.datetime(2026, 12, 4, 16, 45, tzinfo=datetime.timezone.utc)
    assert directory.get("Sampleton").office_hours.clock().answer_for(friday_4_45pm) == "out_of_hours"


def test_the_old_one_area_layout_still_loads(tmp_path):
    old = "example: false\narea: Oldshire\nmash:\n  name: Oldshire MASH\n  phone: '01632 960009'\n"
    directory = load_directory(write(tmp_path, old))
    assert directory.get(None).mash.phone == "01632 960009"
    assert directory.names() == ["Oldshire"]


# What practitioners type, and the area meant (None: no area named).
PHRASINGS = [
    ("I work in Sampleton", "Sampleton"),
    ("my area is Exampleshire", "Exampleshire"),
    ("i'm based in sampleton borough council", "Sampleton"),
    ("Borough of Sampleton", "Sampleton"),
    ("SAMPLETON", "Sampleton"),
    ("sampletn", "Sampleton"),
    ("Sampletown council", "Sampleton"),
    ("exampleshire county council", "Exampleshire"),
    ("we're in Exampelshire", "Exampleshire"),
    ("change my area to exampleshire please", "Exampleshire"),
    ("I work in a nursery", None),
    ("I need a human", None),
    ("what is section 47?", None),
    ("I work in Camden", None),
]


@pytest.mark.parametrize("text, area", PHRASINGS)
def test_areas_are_found_in_what_people_type(directory, text, area):
    matcher = AreaMatcher({name: a.aliases for name, a in directory.areas.items()})
    assert matcher.find(text) == area


def test_a_short_name_needs_a_close_match():
    matcher = AreaMatcher({"Kent": [], "London Borough of Camden": ["Camden Council"]})
    assert matcher.find("I work in Brent") is None
    assert matcher.find("I work in Kent") == "Kent"
    assert matcher.find("I work in camdem") == "London Borough of Camden"
    assert matcher.find("london borough of camden") == "London Borough of Camden"


# The rule for taking an area from a message that is not about areas (a role, an answer to
# the escalation helper): only where the user says where they work. The role's end comes
# from the role detector, as the action reads it from the role entity.
SELF_DESCRIBED = [
    ("I'm a GP in Sampleton", "Sampleton"),
    ("I'm a health visitor working in Exampleshire", "Exampleshire"),
    ("i'm a gp in sampletn", "Sampleton"),
    ("I'm the DSL at a nursery in Sampleton", "Sampleton"),
    ("as a childminder in Sampleton, who do I call out of hours?", "Sampleton"),
    ("I'm a GP at a practice in Exampleshire County Council - what is section 47?", "Exampleshire"),
    ("I work in Sampleton", "Sampleton"),
    ("actually I work for the Borough of Sampleton now", "Sampleton"),
    ("I'm based in Exampleshire", "Exampleshire"),
    ("we are in Sampleton", "Sampleton"),
    ("I work in Sampleton, is the MASH open at night?", "Sampleton"),
    # Places mentioned, not where the user works:
    ("is the Sampleton MASH open at night?", None),
    ("what's the number for the Exampleshire LADO?", None),
    ("I'm worried about a child in Sampleton", None),
    ("the family moved to Exampleshire last week", None),
    ("I'm a GP and the Sampleton MASH won't call me back", None),
    ("I'm a GP in a meeting with the Sampleton MASH", None),
    ("I work with the Sampleton MASH a lot", None),
    ("the child is at a school in Sampleton", None),
    ("I'm a GP", None),
    ("I work in Camden", None),  # not a configured area
]


@pytest.mark.parametrize("text, area", SELF_DESCRIBED)
def test_an_area_is_taken_only_from_where_the_user_says_they_work(directory, text, area):
    from actions.conversation.areas import self_described_area
    from rasa_plugins.nlu.role_detector import find_role, load_role_words

    matcher = AreaMatcher({name: a.aliases for name, a in directory.areas.items()})
    role = find_role(text, load_role_words(), any_mention=False)
    assert self_described_area(text, matcher, role[2] if role else None) == area


# A message the classifier takes for tell_area: the area is set only when the message is
# about areas (the training phrasings, a name alone) or says where the user works.
ABOUT_AREAS = [
    ("I work in Sampleton", "Sampleton"),
    ("my area is Exampleshire", "Exampleshire"),
    ("we're in Sampleton", "Sampleton"),
    ("our local authority is Exampleshire", "Exampleshire"),
    ("my council is Sampleton", "Sampleton"),
    ("area: Sampleton", "Sampleton"),
    ("I practise in Exampleshire", "Exampleshire"),
    ("our surgery is in Sampleton", "Sampleton"),
    ("I cover Exampleshire", "Exampleshire"),
    ("I've moved to Sampleton", "Sampleton"),
    ("change my area to Exampleshire", "Exampleshire"),
    ("can you change my area to Sampleton?", "Sampleton"),
    ("use the contacts for Sampleton", "Sampleton"),
    ("show me the numbers for Exampleshire", "Exampleshire"),
    ("Sampleton", "Sampleton"),
    ("Exampleshire County Council", "Exampleshire"),
    ("the area I work in is Sampleton", "Sampleton"),
    # mentions, not where the user works:
    ("is the Sampleton MASH open at night?", None),
    ("I'm worried about a child in Sampleton", None),
    ("I'm a GP and the Sampleton MASH won't call me back", None),
    ("the family moved here from Sampleton, do I refer?", None),
    ("which area are you set to?", None),
    ("change my area", None),
]


@pytest.mark.parametrize("text, area", ABOUT_AREAS)
def test_a_tell_area_message_sets_an_area_only_when_it_is_about_areas(directory, text, area):
    from actions.conversation.areas import area_in_message

    matcher = AreaMatcher({name: a.aliases for name, a in directory.areas.items()})
    assert area_in_message(text, matcher) == area


def test_a_family_that_moved_is_not_the_user_moving(directory):
    from actions.conversation.areas import area_in_message

    matcher = AreaMatcher({name: a.aliases for name, a in directory.areas.items()})
    assert area_in_message("the family moved to Sampleton last month", matcher) is None
