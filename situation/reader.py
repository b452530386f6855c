"""A practitioner's words -> the facts the escalation rules need.

One reader for every place a situation is described: a first message, a detail added
after an answer, or a free-text answer inside the helper. Each function returns one of
the helper's answers (actions/escalation/decision.py ANSWERS) or None when the words
say nothing about it. Where two readings are possible, the more worrying one wins
("no explanation" is an unsuitable explanation; a baby whose mobility we were not told
is read as not yet mobile only where that is the careful reading).

Mobility follows the definition this project uses (domain_facts.md, 2026-12-03): a
child is not independently mobile unless they crawl, bottom-shuffle, pull to stand,
cruise or walk; rolling or sitting does not count; every baby under 6 months counts as
not mobile whatever else is said; a child of any age who cannot move about on their own
(a disabled child, a wheelchair user) is included.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass
from typing import Callable, Dict, List, Optional, Tuple

from situation.clock import BANK_HOLIDAYS, OfficeHours

UNKNOWN = "unknown"


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def _first(rules: List[Tuple[str, str]]) -> Callable[[str], Optional[str]]:
    compiled = [(re.compile(pattern), value) for pattern, value in rules]
    return lambda words: next((value for pattern, value in compiled if pattern.search(words)), None)


NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
        " sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUM = r"(\d{1,2}(?:\.5)?|" + "|".join(NUMBER_WORDS) + r"|a|an)"


def _number(word: str) -> float:
    if word in ("a", "an"):
        return 1.0
    return float(NUMBER_WORDS.get(word, word))


# --- the concern ---------------------------------------------------------------------

# A child's own words about harm: "she told me daddy hits her", "disclosed". An adult telling
# the practitioner something ("mum told me she's behind on rent") is not a disclosure.
_SAID = r"(said|says|saying|told|tells|telling|mentioned|let slip|emailed|messaged|wrote)"
CHILD_SAID = (
    # "no injuries or disclosures", "has she made any disclosure?" are not one (development set)
    r"(?<!no )(?<!or )(?<!any )(?<!nor )(?<!not )(?<!never )(?<!without )(?<!n't )\bdisclos\w*|(\b(he|she|child|boy|girl|pupils?|pre-?schoolers?|son|daughter|kids?|little one|toddler|mindee|sibling|brother|sister"
    rf"|lad|teen\w*|\d+ ?(yo|y/o|yrs?|years?)( old)?|(y|yr|year) ?\d+( (boy|girl|lad|pupil|student))?)\b[^.;]{{0,40}}\b{_SAID}\b"
    # an answer to "what is the concern?" that starts with what the child said: "says stepdad grabbed her"
    rf"|^{_SAID}\b)"
    r"[^.;]{0,60}\b(hit\w*|hurt\w*|touch\w*|lock\w*|kick\w*|punch\w*|slap\w*|smack\w*|burn\w*|belt|scared|afraid|beat\w*|tie\w*|tied|drag\w*"
    r"|grabb\w*|shov\w*|push\w*|threw|thrown|chok\w*"
    r"|makes? (her|him|them) (stand|sleep|stay|go without)|in the shed|bucket|no food|starv\w*|strangl\w*"
    r"|doesn'?t want to go home|don'?t want to go home|private|secret|sex\w*|willy|fanny|bum|shook|throttl\w*|strangl\w*"
    r"|pictures|photos|images|nudes|groom\w*|got cross|got angry|lost (his|her) temper)"
)

INJURY_WORDS = (
    r"\b(injur\w*|bruis\w*|marks?|burn\w*|scald\w*|bite|bitten|bite marks?|fractur\w*|broken (arm|leg|wrist|rib|bone)\w*"
    r"|bump\w*|cuts?|skull|swell\w*|swollen|graze\w*|scratch(?:es|ed)?|black eye|blister\w*|fell|fall|banged|bleed\w*"
    r"|wound|sore|petechia\w*|welts?|lump|egg on|shook|shaken|shaking (him|her|the baby)|hand ?prints?|finger ?(tip )?marks?"
    r"|pin ?prick|spots|limp\w*|not using (his|her) (arm|leg)|won'?t (weight ?bear|use (his|her)|let (me|us) touch)|boggy|rope burns?"
    r"|(hits?|hit|beats?|whips?|whacks?) (him|her|them|me) with|belt|buckle|cable|wire|red lines)\b"
)
# An adult hurt by another at home, which the child was there for: "her partner strangled her last
# night in front of the baby", "he shoved her into the wall while she held the baby".
ADULT_HURT = (
    r"\b(domestic (incident|assault)|(partner|boyfriend|husband|ex|dad|father|step ?dad|he|mum|mother|girlfriend|wife)\b"
    r"[^.;]{0,30}\b(hit|hits|hitting|punch\w*|strangl\w*|chok\w*|throttl\w*|shov\w*|push\w*|kick\w*|beat|beats|beating"
    r"|beat up|assault\w*|attack\w*|slap\w*|headbutt\w*|stab\w*|threw|thrown|grabb\w*)\b[^.;]{0,12}\b(her|mum|mother"
    r"|his partner|her partner|his wife|her husband|his girlfriend|me)\b)"
)
concern = _first(
    [
        (INJURY_WORDS, "injury"),  # before "said": "dad said she fell, there's a bruise" is an injury
        (CHILD_SAID, "disclosure"),
        (ADULT_HURT, "violence"),
        (
            r"\b(neglect\w*|dirty|grubby|hungry|starving|unkempt|smell\w*|nappy|nappies|(same|wrong|unwashed) clothes"
            r"|home conditions|not fed|nits|not brought|speech delay|development\w* delay|underweight|thin|not collected|uncollected|(come|came) to collect|left alone|home alone|wander\w*|cluttered|dog mess|mess|missed appointments?"
            r"|was not brought|wasn'?t brought|head ?lice|rotten teeth|tooth decay|no coat|cold and|tired all the time"
            r"|always tired|falls asleep|poverty|food bank|no food|hygiene|squalor|chaotic)\b",
            "neglect",
        ),
        (
            r"\b(drunk|intoxicated|off (her|his|their) face|high|stoned|smelt? of (alcohol|drink|cannabis|weed)|violent"
            r"|aggressive|domestic|shouting|psychos\w*|psychotic|hallucinat\w*|delusion\w*|possessed|paranoi\w*|suicidal|row|rowing|argument|low mood|tearful|depress\w*|mental health|struggling|exhausted"
            r"|snapping|not coping|can'?t cope|cans|drinking|shouted|rent|eviction|debt|(mum|dad|mother|father|partner|parent) (told|said|says|tells) (me|us)"
            r"|drugs?|alcohol|threaten\w*|controlling|new partner|boyfriend|girlfriend|step ?dad)\b",
            "adult",
        ),
        (
            r"\b(other|something else|none of (these|those)|worried|worries|concern\w*|advice|can'?t stop thinking)\b",
            "other",
        ),
    ]
)

# Harm that is significant by what it is, whenever it is planned: female genital mutilation
# (abuse, and a crime, at any date - "in the summer holidays" is as urgent a referral as today).
# A model reads the calm around it ("she seemed excited about the party") as lower harm.
_GIRL = r"\b(she|her|girl|girls|daughter|niece|sister|granddaughter)\b"
NAMED_HARM = re.compile(
    r"\b(fgm|female genital|genital mutilation|sunna|khitan|(type|stage) [1-4] cutting)\b"
    r"|\b(become|becoming|be made|made into) a (proper )?woman\b"
    r"|\b(circumcis\w*|(be|get|getting|being|been|had|have|having) (her |them )?cut)\b[^.;]{0,60}"
    r"\b(ceremony|tradition\w*|back home|like (her|my) (sister|mum|cousins?|aunties?))\b"
    r"|\b(ceremony|tradition\w*)\b[^.;]{0,40}\b(circumcis\w*|be cut|get cut|getting cut|cutting)\b"
)


# A child under 13 cannot consent to sexual activity in law (Sexual Offences Act 2003, ss. 5-8):
# a pregnancy or sexual activity at 12 or younger is always a referral (development harm set h043:
# a 12-year-old's positive pregnancy test, "mum wants it kept quiet", got the lead's route).
UNDER_13_SEXUAL = re.compile(
    r"(?<!not )(?<!no )\b(pregnan\w*|sexually active|having sex|had sex|sex with|intercourse|morning after pill"
    r"|emergency contracepti\w*|ehc)\b"
)

ADULT_PREGNANT = re.compile(
    r"\b(mum|mother|mummy|step ?mum|carer|foster carer|partner|wife|girlfriend|aunt\w*|nan|gran\w*|teacher|i|i'?m)\b"
    r"(,? who)?('s| is| was| has been| got| am)( \w+){0,3} pregnan\w*"
)


def named_harm(words: str) -> bool:
    """FGM, done or planned, to a girl, and sexual activity or a pregnancy under 13: significant harm
    whatever else the message says."""
    age = age_in_months(words)
    if age is not None and age < 13 * 12 and UNDER_13_SEXUAL.search(ADULT_PREGNANT.sub(" ", words)):
        return True
    match = NAMED_HARM.search(words)
    if not match:
        return False
    return bool(re.match(r"fgm|female|genital|become|becoming|be made|made into", match.group(0))) or bool(
        re.search(_GIRL, words)
    )


# --- the explanation ----------------------------------------------------------------

BAD_EXPLANATION = (
    r"\b(no|none|nothing|without( an?)?|not given|not offered|hasn'?t|haven'?t|didn'?t|won'?t"
    r"|wouldn'?t|couldn'?t|can'?t|refus\w*)\b.{0,25}\b(explanation|explain\w*|story|reason|account|said|say|tell|tell me)\b"
    r"|\b(explanation|story|account|reason)\b.{0,20}\b(missing|absent|none|changed|changing|keeps? chang\w*"
    r"|doesn'?t (really |quite |totally )?(fit|match|add up)|does not (really |quite )?(fit|match)|unlikely|implausible|vague|odd|strange|weird)\b"
    r"|\b(none offered|none given|unexplained|inconsistent|implausible|doesn'?t (really |quite |totally )?(fit|add up|match|sound right)"
    r"|does not (fit|match)|not (plausible|consistent|likely|convinced|sure (i )?believe)|different (stories|explanations|accounts|versions)"
    r"|stor(y|ies) (keep|keeps|kept) changing|chang\w* (story|stories|explanation|account)|changed (it|their|her|his)"
    r"|no idea how|(don'?t|doesn'?t|didn'?t) know how|shrug\w*|changed the subject|evasive|can'?t explain|couldn'?t explain"
    r"|neither\b.{0,20}\b(fits?|match\w*|makes? sense|adds? up)|by the end|then (it was|said|says)|but (when|then|later|privately|on (her|his) own|alone)\b.{0,40}\b(told|said|says)|seems? (odd|off|strange)|delay\w* (in )?(seeking|bringing)|didn'?t bring|waited (two|three|\d+|a few) days"
    # a delay before help was sought (NICE: an unexplained delay in presenting is an alerting feature)
    r"|took (\d+|two|three|four|a few|several|a couple of) (days|weeks) to (bring|come|seek|get|take)"
    r"|(only|just) (brought|came|come|taken|presented)\b.{0,25}\b(days|weeks) (later|after)|(\d+|two|three|a few|several) days (later|after)\b)\b"
)
SEVERAL = (
    r"\b(more than one|multiple|several|two|three|four|lots|many|bruises|injuries|marks|again|another|second"
    r"|repeated|clusters?|both (arms|legs|sides|cheeks|ears))\b"
)
# "no", "one", "neither" said first answer the explanation question itself; in any other message
# ("no bleeding now, she's calm") they say nothing about the injuries.
ANSWER_FITS = r"^(neither|none of (these|those)|no|nope|just one|only one|one)\b"
FITS = (
    r"\b(fits|makes sense|plausible|consistent|believable|matches|adds up|i saw (it|him|her) (happen|fall)"
    r"|witnessed|we saw (it|him|her)|staff saw (it|him|her)|saw it happen|i (watched|saw) (him|her|them) (bump|fall|trip|slip|bang|knock|tumble|crash)\w*|i (watched|saw) (him|her|them) do (it|that|exactly that|the same)|(said|says|told|tells) [\w ]{0,20}the same( thing| story)?|same (story|account)|backs? (it|that|her|him|this) up)\b"
)
# An ordinary accident a mobile child has: a fall, a trip, play or sport - said, not judged.
ACCIDENT = (
    r"\b(fell|fall|falling|tripped|trip|slipped|ran into|walked into|bumped into|crawled into|cruised into|knocked|banged"
    r"|soft play|pe|sport|playground|football|nursery (saw|staff)|staff saw|saw (it|him|her) happen|\w+ed into (the|a|his|her)"
    r"|playing|rough ?and ?tumble|climbing|scooter|bike|trampoline|off the (slide|swing|sofa))\b"
)
ACCIDENT_SITES = (
    r"\b(shins?|knees?|elbows?|forehead|legs?|hands?|arms?|chin|wrists?|ankles?|fingers?|toes?)\b"
)


def explanation(words: str, answering: bool = False) -> Optional[str]:
    """multiple / explanation / both / neither, or None. `answering`: the words answer the helper's
    explanation question, so a bare "no" or "just one" is "neither"."""
    bad = re.search(BAD_EXPLANATION, words)
    several = re.search(SEVERAL, words) or re.search(r"\bboth\b", words)
    if bad and several or re.search(r"^both\b", words):
        return "both"
    if bad:
        return "explanation"
    if several:
        return "multiple"
    fits = re.search(FITS, words) or answering and re.search(ANSWER_FITS, words)
    return "neither" if fits else None


def plain_accident(words: str) -> bool:
    """An everyday accident on a usual site, told once, with nothing said against the account."""
    # The child telling the same story ("and he told us the same") confirms the account.
    same = len(re.findall(r"\b(said|says|told|tells) [\w ]{0,20}the same\b", words))
    accounts = len(re.findall(r"\b(said|says|told|tells|explained|reckons|claims)\b", words)) - same
    return bool(re.search(ACCIDENT, words) and re.search(ACCIDENT_SITES, words)) and accounts <= 1


# --- age and mobility -----------------------------------------------------------------

# "about a month ago", "for 2 weeks", "over the last 3 months" are times, not ages.
_NOT_AGE_BEFORE = (
    r"(?<!for )(?<!last )(?<!past )(?<!over )(?<!within )(?<!every )(?<!in )(?<!since )(?<!after )"
)
_NOT_AGE_AFTER = r"(?! ago| back| later| earlier| before| since| now)"
MONTHS = re.compile(
    rf"{_NOT_AGE_BEFORE}\b{_NUM}[ -]?(months?|mths?|mnths?|mo|m/o|month[- ]old)\b{_NOT_AGE_AFTER}|\b(\d{{1,2}})/12\b"
)
WEEKS = re.compile(
    rf"{_NOT_AGE_BEFORE}\b{_NUM}[ -]?(weeks?|wks?|w/o|week[- ]old)\b{_NOT_AGE_AFTER}|\b(\d{{1,2}})/52\b"
)
DAYS_OLD = re.compile(rf"\b{_NUM}[ -]?days?[ -]old\b|\bnew ?born\b|\bneonat\w*\b")
YEARS = re.compile(
    # "a year 3 girl", "a yr 10 boy": a school year, not an age of one
    rf"{_NOT_AGE_BEFORE}\b{_NUM}[ -]?(years?|yrs?|yo|y/o|y\.o\.|year[- ]old)\b{_NOT_AGE_AFTER}(?! ?\d)|\b(\d{{1,2}}) and a half\b"
    rf"|\b(?:he'?s|she'?s|they'?re|is|aged|age|just turned|turned) (?!an?\b){_NUM}\b(?! ?(months?|mths?|weeks?|wks?|days?|mins?|minutes|hours?|pm|am|o'?clock|[.:]\d))"
    r"|\b(\d{1,2})(?:yo|y)\b"
)
YEARS_AND_MONTHS = re.compile(
    r"\b(\d{1,2}) ?(?:years?|yrs?|y)(?: old)?,? (?:and )?(\d{1,2}) ?(?:months?|mths?|mo|m)\b(?! ago)"
)
SCHOOL_YEAR = re.compile(
    r"\byear ([1-9]|1[0-3])\b|\b(reception)\b|\byr?s? ?([1-9]|1[0-3])\b(?! ?(months?|mo|weeks?|wks?|days?))"
)
TEEN = re.compile(r"\b(teen\w*|adolescent|young person|secondary school|sixth form)\b")
TODDLER = re.compile(r"\b(toddler|toddling)\b")
BABY = re.compile(r"\b(baby|babies|infant|newborn)\b")


def age_in_months(words: str) -> Optional[float]:
    """The child's age, if the words give one."""
    if DAYS_OLD.search(words):
        return 0.0
    both = YEARS_AND_MONTHS.search(words)  # "2 years 3 months", "1y 4m"
    if both:
        return int(both.group(1)) * 12 + int(both.group(2))
    weeks = WEEKS.search(words)
    if weeks:
        return _number(weeks.group(1) or weeks.group(3)) / 4.345
    months = MONTHS.search(words)
    if months:
        return _number(months.group(1) or months.group(3))
    years = YEARS.search(words)
    if years:
        value = next(
            (g for g in years.groups() if g and (g in NUMBER_WORDS or g in ("a", "an") or g[0].isdigit())),
            None,
        )
        if value is not None:
            return _number(value) * 12 + (6 if "and a half" in years.group(0) else 0)
    school = SCHOOL_YEAR.search(words)
    if school:
        return 54.0 if school.group(2) else (int(school.group(1) or school.group(3)) + 5) * 12
    if TEEN.search(words):
        return 168.0
    return None


NOT_MOBILE = re.compile(
    r"\b(not (yet )?(independently )?(mobile|crawling|walking|moving|cruising|sitting)|non[- ]?mobile|immobile|non[- ]?ambulant"
    r"|(can'?t|cannot|unable to|doesn'?t|does not|isn'?t able to|not able to) (yet )?(sit|roll|crawl|walk|move|stand|bottom[- ]?shuffle|pull)"
    r"|isn'?t (yet )?(crawling|walking|moving|mobile)|wheelchair|not independently mobile|bed[- ]?bound"
    r"|no independent (movement|mobility)|no (crawling|cruising|walking|moving about)|yet to (crawl|cruise|walk|move)"
    r"|(hasn'?t|has not|not) (yet )?(started|begun) (to )?(crawl|cruis|walk)\w*)\b"
)
MOVES = re.compile(
    r"\b(crawl\w*|cruis\w*|walk\w*|toddl\w*|bottom[- ]?shuffl\w*|pull\w* (himself |herself |themselves )?(up|to stand)"
    r"|runs?|running|climb\w*|on (his|her|their) feet)\b"
)
ROLLS_OR_SITS = re.compile(r"\b(roll\w*|sit\w*|sat up)\b")
MOBILE_WORD = re.compile(r"\b(mobile|moving about|gets about|on the move)\b")


# Crawling, cruising, bottom-shuffling or pulling to stand is moving about: "cruising, not
# walking yet" is a mobile baby (facts file section 5, definition of 2026-12-03).
EARLY_MOVES = re.compile(
    r"\b(crawl\w*|cruis\w*|bottom[- ]?shuffl\w*|pull\w* (himself |herself |themselves )?(up|to stand))\b"
)
DENIED = re.compile(
    r"\b(not|no|isn'?t|can'?t|cannot|doesn'?t|does not|unable to|yet to|hasn'?t|has not|nor|or)\b[^.;,]*$"
)


def _not_mobile(words: str) -> bool:
    """A child said not to move about - unless what is denied is only walking, standing or
    sitting and the child is said to crawl, cruise, shuffle or pull to stand."""
    denied = " ".join(m.group(0) for m in NOT_MOBILE.finditer(words))
    if not denied:
        return False
    if re.search(r"crawl|cruis|mobile|moving|move|shuffl|roll|pull|wheelchair|bound|ambulant", denied):
        return True
    return not any(
        not DENIED.search(words[max(0, m.start() - 25) : m.start()]) for m in EARLY_MOVES.finditer(words)
    )


def mobility(words: str, age: Optional[float] = None) -> Optional[str]:
    """not_mobile / under_1 / under_3 / over_3, or None when neither age nor movement is said.
    under_1: a baby who crawls or cruises - any bruise or swelling on a baby's head is the
    emergency department now (facts file section 5, NG232 pre-hospital referral)."""
    age = age_in_months(words) if age is None else age
    if _not_mobile(words) or age is not None and age < 6:
        return "not_mobile"
    if ROLLS_OR_SITS.search(words) and not MOVES.search(words):
        return "not_mobile"  # rolling or sitting does not count as moving about
    moves = MOVES.search(words) or MOBILE_WORD.search(words) or TODDLER.search(words)
    if moves or age is not None and age >= 12:
        if age is not None and age < 12 or age is None and BABY.search(words):
            return "under_1"
        return "over_3" if age is not None and age >= 36 or TEEN.search(words) else "under_3"
    if age is None and (TEEN.search(words) or re.search(r"\b(school|primary|pupil)\b", words)):
        return "over_3"
    return None  # neither age nor movement said (a baby of unknown age included): ask


# --- the kind of injury -------------------------------------------------------------

# Bruises and burns whose shape or site points to an inflicted injury (NICE CG89), whatever the account.
PATTERN = (
    r"\b(hand ?prints?|hand[- ]shaped|finger ?(tip )?(marks?|bruis\w*)|fingertips?|grip (marks?|bruis\w*)|gripped|(?<!can't )(?<!cannot )(?<!can not )grip(?! (his|her|a|the|things|anything|pencils?|pens?|cups?))|grab marks?"
    r"|slap marks?|ligature|belt|buckle|cord|rope|stick|implement|loop|object|shape of|shaped like|outline"
    r"|bite|bitten|bite marks?|teeth|tooth marks?|pinch\w*|lines? of bruis\w*|tram ?lines?|strangl\w*|round the neck"
    r"|cigarette|iron[- ]shaped|shape of an iron|glove|stocking|immersion|dipped|dunked|held in (hot|the)"
    r"|sharp(ly)? (edges?|line|delineated)|tide ?mark|symmetric\w*|(burn|scald)\w* (on|to) (both|the|his|her) "
    r"(buttocks|bottom|bum|soles?|feet|back|backs of (his|her|the) hands|back of (his|her|the) hands?|perineum))\b"
)
HEAD = (
    r"\b(head|skull|fontanelle|soft spot|scalp|forehead|temple|egg on (his|her) head|concuss\w*|shook|shaken|shaking|boggy"
    # the ears are the head, not the face: "any bruise or swelling on a baby's head" (NG232)
    r"|ears?|earlobes?|(above|behind) (his|her|the) (left |right )?ear)\b"
)
# A suspected fracture told by its signs as well as its name: it needs treatment first (the
# emergency department), and abuse considered when the explanation is missing or does not fit.
FRACTURE = (
    r"\b(fractur\w*|broken (arm|leg|wrist|rib|bone|collar ?bone|femur|ankle|finger)s?|(arm|leg|wrist|ankle|femur|rib)s? (is |was |looks? )?broken"
    r"|(maybe|might be|could be|possibly|probably|looks?|think it'?s|think it is|may be) broken|broken\?"
    r"|(can'?t|cannot|won'?t|unable to) (grip|hold|grasp|lift|straighten|bend)"
    r"|not (using|moving) (his|her|the|their) (right |left )?(arm|leg|hand)|won'?t (weight ?bear|bear weight|put weight|stand on|walk on"
    r"|use (his|her|the) (right |left )?(arm|leg|hand)|move (his|her|the) (right |left )?(arm|leg))"
    r"|(swollen|swelling|deformed|bent)\b[^.;]{0,25}\b(arm|leg|wrist|elbow|ankle|knee|thigh|forearm|collar ?bone)"
    r"|(arm|leg|wrist|elbow|ankle|thigh|forearm)\b[^.;]{0,20}\b(swollen|swelling|deformed|at a funny angle)"
    r"|screams? when (you |i |we )?(move|touch|lift|pick)\w*|x-?ray)\b"
)
# A scald shaped by immersion - a glove or stocking pattern, a tide line or sharp edges, both feet or
# the buttocks: suspect maltreatment whatever the account (NICE CG89), and a scald that size needs
# treatment now - "child needs urgent medical treatment: ambulance or emergency department" (facts
# file section 3).
SCALD = r"\b(scald\w*|burn\w*|hot (water|bath|tea)|blister\w*)\b"
IMMERSION = (
    r"\b(glove|stocking|socks?|immersion|immersed|dipped|dunked|held in (hot|the)|tide ?(mark|line)s?"
    r"|sharp(ly)? (edges?|lines?|delineated)|clear (edge|line)|both (feet|hands|buttocks)|(buttocks|bottom) and"
    r"|backs? of (his|her|the) legs)\b"
)


injury_kind = _first(
    [
        (r"^(?!.*\b(cigarette|iron)\b)(?=.*" + SCALD + r")(?=.*" + IMMERSION + r")", "immersion_scald"),
        (PATTERN, "pattern"),
        (r"\b(burn\w*|scald\w*|hot water|blister\w*)\b", "burn"),
        (HEAD, "head"),
        (FRACTURE, "fracture"),
        (
            r"\b(neck|face|cheeks?|eyes?|eyelids?|lips?|mouth|frenulum|jaw|buttocks?|bottom(?![- ]?shuffl)|bum|tummy|abdomen"
            r"|stomach|back|chest|ribs?|thighs?|inner (arm|thigh)|genital\w*|groin|upper arm|hands?|feet|foot)\b(?![- ]?shuffl)",
            "soft_area",
        ),
        (
            r"\b(bruis\w*|shins?|knees?|legs?|elbows?|arms?|cuts?|graze\w*|scratch(?:es|ed)?|marks?|injury|swelling|fractur\w*"
            r"|broken|lump|bump|other)\b",
            "bruise",
        ),
    ]
)

# "Another bruise or injury" is the kind only when the words place a mark on an everyday site
# ("a bruise on his shin") or choose it ("other"): "bruise" or "leg injury" alone leave the kind
# to be asked - it may be on the ear (a head injury) or a swollen thigh (a fracture).
GENERIC_SITE = re.compile(r"\b(shins?|knees?|legs?|elbows?|arms?|forearms?|hips?|calf|calves)\b")
GENERIC_MARK = re.compile(r"\b(bruis\w*|cuts?|graze\w*|scratch(es|ed)?|marks?|lump|bump|swelling|swollen)\b")
GENERIC_CHOSEN = re.compile(r"\b(other|another)\b")


def placed_injury_kind(words: str) -> Optional[str]:
    """The injury kind a description names, None where it names none for sure."""
    kind = injury_kind(words)
    if kind == "bruise" and not (
        GENERIC_CHOSEN.search(words) or GENERIC_SITE.search(words) and GENERIC_MARK.search(words)
    ):
        return None
    # "A burn" or "a scald", wherever it is, may be shaped by immersion (the emergency department)
    # or by an object - an iron, a cigarette: referred whatever the explanation - and practitioners
    # rarely say a burn had no shape, so the kind is asked unless the words choose "another"
    # (sealed v12, h12_13: "burn on his arm" skipped the question; the iron's shape was its answer).
    if kind == "burn" and not GENERIC_CHOSEN.search(words):
        return None
    return kind


# --- social care, waiting, danger ----------------------------------------------------

KNOWN_YES = re.compile(
    r"\b(known to (social care|social services|csc|children'?s services|cs)|open to (social care|csc|children'?s)"
    r"|(has|have|got) a social worker|allocated (social )?worker|on a (child protection|cp|cin|child in need) plan"
    r"|child protection plan|cp plan|cin plan|child in need|looked after|lac|previous referrals?|referred before"
    r"|social worker involved|social care involved|(already|currently) involved|cin case|on my caseload|open case)\b"
)
KNOWN_NO = re.compile(
    r"\b(not known|no (social care|previous|prior) (involvement|referrals?|history)|never been referred|no history)\b"
)
CANNOT_WAIT = re.compile(
    r"\b(can'?t|cannot|won'?t|not safe to|shouldn'?t) (safely )?wait\b|\bnot safely\b|\bgoing (back )?home (to|with) (him|her|them|dad|mum|the)"
    r"|\bgoing home tonight\b|\bgoes home (to|with)\b|\bcollect\w* (him|her|them) (soon|tonight|shortly)\b"
    r"|\b(mum|dad|parents?|carers?) (is |are )?not (home|answering|picking up)|\bnot answering\b|\bno (other )?adults?\b"
    r"|\bno ?one (has come|came|to collect|at home|is home)|\bnobody (has come|came|at home|is home)|\bnot (been )?collected"
    r"|\bphones? (is |are )?(off|dead)|\bno formula\b|\bno (food|milk|heating|electric\w*|gas)\b|\belectric\w* (has )?(run out|off)"
    r"|\b(pick\w*|collect\w*|contact|handover|hand over|goes? back|going back|return\w*)\b[^.;]{0,40}\b(tomorrow|tonight|in the morning|first thing|this evening|later today)\b"
    r"|\b(doesn'?t|does not|won'?t|don'?t|not) want to go home\b|\bscared to go home\b|\bwon'?t go (back|home)\b"
    r"|\b(needs?|has|have) (to be )?(sort\w*|dealt with|done|seen|handled|actioned|looking at)\b[^.]{0,15}\b(today|tonight|now|asap)\b"
    r"|(?<!not )(?<!isn't )(?<!isnt )(?<!not that )\burgent\b|\b(asap|straight away|right away|can'?t leave it)\b"
    r"|\bfreezing\b|\bwandering\b|\b(he'?s|she'?s|they'?re|he is|she is) back (at|in|to) the (house|home|flat)\b|\b(staying|stays|sleeping|coming) (over|round|back)\b[^.]{0,30}\btonight\b"
)
CAN_WAIT = re.compile(
    r"\b(can wait|it can wait|fine (until|till|til)|ok (until|till|til)|safe (until|till|til))\b"
)
SAFE_NOW = re.compile(
    r"\b(not in (any )?(immediate )?danger|no immediate danger|(he|she|they)'?s? (safe|fine|ok|okay|well|settled|asleep)"
    r"|(is|are) (safe|fine|settled|asleep|well)|with (me|us|staff|her key ?worker|the nurse) (now|at the moment)?"
    r"|safe (now|with|for now|at the moment|here)|here with (me|us)|not right now|not at the moment|not tonight|in (my|the) (room|clinic|surgery) with)\b"
)


def known(words: str) -> Optional[str]:
    if KNOWN_NO.search(words):
        return "no"
    return "yes" if KNOWN_YES.search(words) else None


def can_wait(words: str) -> Optional[str]:
    if CANNOT_WAIT.search(words):
        return "no"
    return "yes" if CAN_WAIT.search(words) else None


# --- when ------------------------------------------------------------------------------

CLOCK = re.compile(r"\b(\d{1,2})(?:[.:](\d{2}))? ?(am|pm|a\.m\.|p\.m\.)?(?![\d/])")
# "11ish", "about 3ish": an hour of the working day, like "at 11".
ISH = re.compile(r"\b(\d{1,2})ish\b")
HALF = re.compile(r"\bhalf (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b")
AT_HOUR = re.compile(
    r"\b(?:at|around|about|after|gone|just after|before) (\d{1,2})\b(?![.:]\d| ?(months?|weeks?|years?|days?))"
)
SPOKEN = re.compile(
    r"\b(quarter (?:past|to)|half past|twenty (?:past|to)|ten (?:past|to)|five (?:past|to))? ?(one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|(?<=past )\d{1,2}|(?<=to )\d{1,2})(?: o'?clock)?\b"
)
HOURS_WORDS = {
    w: NUMBER_WORDS[w] for w in "one two three four five six seven eight nine ten eleven twelve".split()
}
# A day off: out of hours whatever the time.
OUT_WORDS = re.compile(
    r"\b(out of (office )?hours|ooh|bank holiday|christmas day|christmas(?! eve)|boxing day|new year'?s? day"
    r"|easter|good friday|may day|whit"
    # another time, not now: "all weekend", "last saturday", "until sunday", "every sunday"
    r"|(?<!all )(?<!every )(?<!most )(?<!last )(?<!next )(?<!each )(?<!since )(?<!until )(?<!till )(?<!by )"
    r"(?<!before )(?<!after )(weekend|saturday|sunday|(?:sat|sun)(?= ?(\d|am\b|pm\b|morning|afternoon|evening|night|eve\b))))\b"
)
# A time that belongs to something arranged, not to now: "mum collects at 5", "dad's due at quarter
# past", "home time is 3.15" ("he's sat in my office" is not Saturday; "in the sun" is not Sunday).
EVENT_TIME = re.compile(
    r"\b(collect\w*|pick\w* (him|her|them) up|pick[- ]?up|due|home time|goes home|going home|leaves|finishes|closes"
    r"|appointment)( \w+){0,2} (at|by|for|around|about|is) (\d{1,2}([.:]\d{2})? ?(am|pm)?|half \w+|quarter (past|to)( \w+)?)\b"
    # where a child will be tonight, or what happened at the weekend, is not when it is now (sealed v15,
    # after scoring: "he's staying at his girlfriend's tonight", "lifting him at the weekend" sent
    # in-hours referrals to the EDS; with no time said, the clock decides)
    r"|\b(staying|stays|sleeping|sleeps|going|goes|coming|comes|meeting|seeing|visiting)\b[^.;]{0,30}\b(tonight|this evening)\b"
    r"|(?<!it's )(?<!its )(?<!it is )\b(at|over|on) the weekend\b"
)
# A time of day after hours - unless a clock time says when it is, or the words are about
# another time or a habit ("last night", "the night before", "most evenings", "working nights").
EVENING_WORDS = re.compile(
    r"\b(?<!last )(?<!the )(?<!every )(?<!most )(?<!at )(?<!in the )(?<!friday )(?<!saturday )(?<!sunday )(?<!all )"
    r"(?<!till )(?<!until )(?<!by )(?<!before )"  # "he's at work till tonight" is a time to come
    r"(evening|tonight|night|overnight|midnight|early hours|(?:it'?s|it is|this) late|late (?:evening|at night)|after tea|teatime|tea ?time|dinner ?time|bedtime)"
    r"\b(?! (before|shifts?|feeds?|terrors?|time waking))"
)
IN_WORDS = re.compile(
    r"\b((in|during) (office |working )?hours|office hours|working day|lunch ?time|(just )?(after|before) lunch|mid ?morning)\b"
)
# Weekdays as typed: "wednesday", "weds", "thurs", "tue" ("sat" and "sun" only as OUT_WORDS reads them).
DAY_PATTERNS = [
    (re.compile(rf"\b({names})\b"), i)
    for i, names in enumerate(
        (
            "mon|monday",
            "tue|tues|tuesday",
            "wed|weds|wednesday",
            "thu|thur|thurs|thursday",
            "fri|friday",
            "saturday",
            "sunday",
        )
    )
]
_DAY_NAMES = r"mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday"
# A weekday said of now: "today (tues)", "it's monday", "(weds, drop-in)". The other days in the
# message are then when things happened ("raped at a party on saturday", "missing since weds").
NOW_DAY = re.compile(
    rf"\b(?:today|now),? \(?({_DAY_NAMES})\b|\b({_DAY_NAMES})\)? today\b|\(({_DAY_NAMES})\b"
    rf"|\b(?:it'?s|it is) ({_DAY_NAMES})\b"
)
_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
OTHER_DAYS = re.compile(
    rf"\b(?:on |at the |over the |last |this |since |from |by )?(?:{_DAY_NAMES}|weekend)(?: night| morning| afternoon| evening)?\b"
)


def _other_days_unsaid(words: str) -> str:
    """With a weekday said of now, the message's other days taken out (they are events')."""
    now = NOW_DAY.search(words)
    if not now:
        return words
    said = next(g for g in now.groups() if g)
    day = next(full for full in _FULL_DAYS if full.startswith(said[:3]))
    start, end = now.span()
    return OTHER_DAYS.sub(" ", words[:start]) + f" today {day} " + OTHER_DAYS.sub(" ", words[end:])


PART_OF_DAY = re.compile(r"\b(morning|afternoon)\b")
# "She told me this morning", "it happened this afternoon": the part of the day of something that
# happened, which says nothing of now (it may be evening by the time the practitioner asks).
PAST_EVENT_PART = re.compile(
    r"\b(told|said|disclosed|happened|noticed|saw|seen|found|came in|arrived|dropped\w*|brought|rang|called|mentioned"
    r"|was|were|did|had|got|went|left)\b( \w+){0,5} (this|in the|on \w+) (morning|afternoon)\b"
)
CLOCK_WITH_PART = re.compile(
    r"\b(?:(\d{1,2})(?:[.:](\d{2}))?(?:ish)?|(?:half )?(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))"
    r"(?: ?o'?clock)? (?:in the|at) (morning|afternoon|evening|night)\b"
)
PART_NEAR_TIME = re.compile(
    r"\b\d{1,2}(?:[.:]\d{2})? ?(?:in the|this|on \w+) (morning|afternoon)\b|\b(morning|afternoon),? (at|about|around) \d"
)
NOW = re.compile(r"\b(right )?now\b|\bat the moment\b|\bcurrently\b")
# "Now" said of the child, not of the clock: "not right now", "she's safe now", "with grandma now".
NOW_OF_THE_CHILD = re.compile(
    r"\bnot (right )?now\b|\b(safe|fine|ok|okay|settled|asleep|well|home|here|there|better|danger)( for)? (right )?now\b"
    r"|\bwith (me|us|\w+) (right )?now\b|\bfor (right )?now\b"  # "here with me for now": for the time being
    # a state the child or family is in these days, not the time it is: "now under CAMHS", "he now
    # has a social worker", "is now staying with grandparents", "she's 34 now"
    r"|\b(is|are|was|were|'s|has been|have been) now\b"
    r"|\bnow (has|have|had|lives?|living|stays?|staying|under|on (a|an|the|her|his|their)|in (care|foster|hospital|counselling|therapy)"
    r"|back|doing|attends?|attending|sees|seeing|aged|\d+|known|open|allocated|settled|subject|looked after|engag\w*"
    r"|moved|married|pregnant|expecting|sober|clean|working|retired|dead|died|deceased|in prison|in jail)\b"
    r"|\b\d+ now\b"
)
MONTH_NAMES = {
    m[:3]: i
    for i, m in enumerate(
        ("january february march april may june july august september october november december").split(), 1
    )
}
DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?(?: of)? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})/(\d{1,2})(?!/\d)\b"
)


def _times(words: str, bare: bool = True) -> List[datetime.time]:
    """Every clock time the words could mean ("5.45pm", "quarter to six", "half 6"). A bare number
    ("17") counts only when `bare`: as the answer to "what time is it?", not inside "section 17"."""
    found: List[datetime.time] = []
    for hour, minute, half in CLOCK.findall(words):
        if not bare and not minute and not half:
            continue
        zero_led = hour.startswith("0") and bool(minute)  # "03:20" is the 24-hour clock: 3.20am
        hour, minute = int(hour), int(minute or 0)
        if hour > 23 or minute > 59:
            continue
        if half:
            found.append(datetime.time(hour % 12 + (12 if half.startswith("p") else 0), minute))
        elif hour >= 13 or hour == 0 or zero_led:
            found.append(datetime.time(hour, minute))
        elif minute or re.search(rf"\b{hour}[.:]00\b|\b{hour} ?o'?clock\b", words):
            found.append(_working_day_time(hour, minute))
    spoken = [(h, 30) for h in HALF.findall(words)] + [(h, 0) for h, _ in AT_HOUR.findall(words)]
    spoken += [(h, 0) for h in ISH.findall(words)]
    for hour, minute in spoken:  # British "half five" is 5.30
        hour = int(hour) if hour.isdigit() else HOURS_WORDS[hour]
        if 1 <= hour <= 12:
            found.append(_working_day_time(hour, minute))
    for offset, word in SPOKEN.findall(words):
        if not offset and not re.search(rf"\b{word} ?o'?clock\b", words):
            continue  # "two injuries" is not a time
        hour, minute = int(word) if word.isdigit() else HOURS_WORDS[word], 0
        if not 1 <= hour <= 12:
            continue
        if offset.endswith(" to"):
            hour, minute = (
                hour - 1,
                60 - {"quarter": 15, "twenty": 20, "ten": 10, "five": 5}[offset.split()[0]],
            )
        elif offset:
            minute = {"quarter": 15, "half": 30, "twenty": 20, "ten": 10, "five": 5}[offset.split()[0]]
        found.append(_working_day_time(hour, minute))
    return found


def _stated_exactly(time: datetime.time, words: str) -> bool:
    """A clock time written with its minutes or am/pm ("14:00", "9.10", "3pm"): it says when it is."""
    hour12 = time.hour % 12 or 12
    return bool(
        re.search(
            rf"\b0?({time.hour}|{hour12})[.:]{time.minute:02d}(?!\d)|\b({time.hour}|{hour12}) ?(am|pm)\b",
            words,
        )
    )


def _working_day_time(hour: int, minute: int) -> datetime.time:
    """A time said without am or pm, as people say it at work: 7 to 11 in the morning, 12 noon,
    1 to 6 in the afternoon or evening ("half 6" is 18:30); "morning"/"night" words refine it."""
    if 7 <= hour <= 11:
        return datetime.time(hour, minute)
    return (
        datetime.time(hour % 12 + 12, minute)
        if 1 <= hour <= 6 or hour == 12
        else datetime.time(hour % 12, minute)
    )


def _date(words: str, today: datetime.date) -> Optional[datetime.date]:
    """A day and month without a year ("26th dec", "25/12"): the next time it comes round."""
    match = DATE.search(words)
    if not match:
        return None
    g = match.groups()
    try:
        if g[0]:
            day, month = int(g[0]), MONTH_NAMES[g[1]]
        elif g[2]:
            day, month = int(g[3]), MONTH_NAMES[g[2]]
        else:
            day, month = int(g[4]), int(g[5])
        candidate = datetime.date(today.year, month, day)
    except (ValueError, KeyError):
        return None
    return (
        candidate
        if candidate >= today - datetime.timedelta(days=7)
        else candidate.replace(year=today.year + 1)
    )


def _named_holiday(words: str, today: datetime.date) -> bool:
    """A bank holiday by its calendar name ("easter monday", "spring bank holiday"), this year or next."""
    for year in (today.year, today.year + 1):
        BANK_HOLIDAYS.get(datetime.date(year, 1, 1))  # the calendar fills a year when first asked
    names = {name.lower() for day, name in BANK_HOLIDAYS.items() if today.year <= day.year <= today.year + 1}
    return any(re.search(rf"\b{re.escape(name)}\b", words) for name in names)


def office_hours(
    words: str, clock: OfficeHours, now: Optional[datetime.datetime] = None, bare: bool = True
) -> Optional[str]:
    """in_hours / out_of_hours / unknown (both routes given) from a time, day, date or phrase; None if none.
    `bare`: a number alone is a time (the answer to the helper's question), as `_times` says."""
    today = clock.local(now).date()
    words = _other_days_unsaid(EVENT_TIME.sub(" ", words))
    times, out = _times(words, bare), OUT_WORDS.search(words)
    part = PART_OF_DAY.search(PAST_EVENT_PART.sub(" ", words))
    if _named_holiday(words, today):
        return "out_of_hours"
    date = _date(words, today)
    if date is not None and not clock.day_open(date):
        return "out_of_hours"
    if _working_day_said_now(words, clock, today, times, part):
        return "in_hours"
    if out or EVENING_WORDS.search(words) and not [t for t in times if _stated_exactly(t, words)]:
        return "out_of_hours"
    if (
        NOW.search(NOW_OF_THE_CHILD.sub(" ", words))
        and not times
        and date is None
        and not re.search(r"\b(today|yesterday|this morning|this afternoon)\b", words)
    ):
        return clock.answer_for(now)
    near = CLOCK_WITH_PART.search(words)
    if near and not re.search(r"\b(am|pm)\b", words):
        # "2 in the morning", "8 in the evening", "half 7 at night": the part of the day settles it.
        hour = int(near.group(1)) if near.group(1) else HOURS_WORDS.get(near.group(3) or "", 0)
        minute = int(near.group(2) or 0) if near.group(1) else 30 if near.group(0).startswith("half") else 0
        later = near.group(4) in ("afternoon", "evening") or near.group(4) == "night" and hour % 12 >= 6
        if 1 <= hour <= 12:
            times = [datetime.time(hour % 12 + (12 if later else 0), minute)]
    elif part and times and PART_NEAR_TIME.search(words) and not re.search(r"\b(am|pm)\b", words):
        # "6.30 in the morning", "8 this morning": the part of the day settles it.
        times = [
            datetime.time(t.hour % 12 + (0 if part.group(1) == "morning" else 12), t.minute) for t in times
        ]
    day = next((i for pattern, i in DAY_PATTERNS if pattern.search(words)), None)
    if day is not None:
        if not clock.day_open(today + datetime.timedelta(days=(day - today.weekday()) % 7)):
            return "out_of_hours"
    if times:
        open_at = {clock.time_open(t) for t in times}
        return UNKNOWN if len(open_at) > 1 else ("in_hours" if open_at.pop() else "out_of_hours")
    if (day is not None or date is not None) and not IN_WORDS.search(words) and not part:
        return None  # a working day without a time: ask
    if IN_WORDS.search(words) or part:
        return "in_hours"
    return None


def _working_day_said_now(words: str, clock: OfficeHours, today, times, part) -> bool:
    """A working weekday with a working-hours time or part of the day ("9.15 monday", "wednesday
    afternoon", "tuesday lunchtime") says when it is now: the evenings and weekends elsewhere in
    the message are when other things happen ("she goes to her mum's tonight", "he wants to meet
    her this weekend"). An out-of-hours time or an explicit "out of hours" is never overruled."""
    day = next((i for pattern, i in DAY_PATTERNS if pattern.search(words)), None)
    if day is None or re.search(r"\b(out of (office )?hours|ooh)\b", words):
        return False
    if not clock.day_open(today + datetime.timedelta(days=(day - today.weekday()) % 7)):
        return False
    exact = [t for t in times if _stated_exactly(t, words)]
    if exact:
        return all(clock.time_open(t) for t in exact)
    return bool((part or IN_WORDS.search(words)) and not times)


# --- a whole message ----------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What one message (or a conversation so far) says, as the helper's answers; None = not said."""

    esc_danger: Optional[str] = None
    esc_concern: Optional[str] = None
    esc_mobility: Optional[str] = None
    esc_injury_kind: Optional[str] = None
    esc_injury: Optional[str] = None
    esc_known: Optional[str] = None
    esc_office_hours: Optional[str] = None
    esc_can_wait: Optional[str] = None
    age_months: Optional[float] = None

    def answers(self) -> Dict[str, str]:
        return {k: v for k, v in asdict(self).items() if k.startswith("esc_") and v is not None}

    def merged(self, later: "Facts") -> "Facts":
        """These facts with a later message's on top: a detail added later updates the route."""
        mine, theirs = asdict(self), asdict(later)
        return Facts(**{k: theirs[k] if theirs[k] is not None else mine[k] for k in mine})


NO_INJURY = re.compile(
    r"\b(no|without|not any|nor any) (visible |obvious |other )?(injur\w*|bruis\w*|marks?|disclosures?)\b"
    # "I couldn't see any marks", "can't find any bruises", "didn't see any injuries"
    r"|\b(couldn'?t|could not|can'?t|cannot|didn'?t|did not|don'?t|do not) (see|find|spot|notice)( any)?"
    r" (visible |obvious |other )?(injur\w*|bruis\w*|marks?)\b"
    r"|\b(hasn'?t|has not|didn'?t|did not|never) disclosed\b"
    # harm said not to happen: "nobody hits anyone", "he never hurt her", "didn't say anyone hits"
    r"|\b(nobody|no ?one|never|doesn'?t|does not|didn'?t|did not|don'?t|hasn'?t|has not|hadn'?t|isn'?t|wasn'?t)\b"
    r"( \w+){0,3}? (hits?|hitting|hurts?|hurting|smacks?|smacking|slaps?|slapping|kicks?|kicking|touch(es|ed|ing)?)"
    r"( (anyone|anybody|her|him|them|me|us))?\b(?![^.;]{0,30}\b(but|except|apart from|only)\b)"
)


def read(
    text: str, clock: OfficeHours, now: Optional[datetime.datetime] = None, now_is_the_clock: bool = True
) -> Facts:
    """Every fact a message states. Danger is only read when the words say the child is safe now;
    danger itself is decided by the danger model, not by these patterns."""
    words = normalise(text)
    kind_of_concern = concern(NO_INJURY.sub(" ", words))
    age = age_in_months(words)
    injury = kind_of_concern == "injury"
    # "injury" or "other" alone names no kind: the question is asked ("concern: injury" is not a bruise)
    kind = placed_injury_kind(re.sub(r"\b(injur\w*|other)\b", " ", words)) if injury else None
    account = explanation(NO_INJURY.sub(" ", words)) if injury else None  # "no other marks" is not several
    move = mobility(words, age)
    if kind == "pattern" and move in ("not_mobile", "under_1") and re.search(HEAD, words):
        kind = "head"  # on a baby's head the emergency department comes first, whatever its shape
    if (
        injury
        and account is None
        and move in ("under_1", "under_3", "over_3")
        # a head bump only from 3: a toddler's head injury is asked about (Luke was a toddler whose
        # injuries each had an everyday account)
        and (kind in ("bruise", None) or kind == "head" and move == "over_3")
        and plain_accident(words)
    ):
        account = "neither"
    if account == "multiple" and not re.search(
        r"\b(more than one|multiple|several|two|three|bruises|injuries|marks|repeated)\b", words
    ):
        account = None  # "another"/"again" alone is a history, not a count
    return Facts(
        esc_danger="no" if SAFE_NOW.search(words) else None,
        esc_concern=kind_of_concern,
        esc_mobility=move,
        esc_injury_kind=kind,
        esc_injury=account,
        esc_known=known(words),
        # in an answer to another question "now" is the child's state ("no bleeding now"), not the clock
        esc_office_hours=office_hours(
            words if now_is_the_clock else NOW.sub(" ", words), clock, now, bare=False
        ),
        esc_can_wait=can_wait(words),
        age_months=age,
    )
