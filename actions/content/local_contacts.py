"""Local contacts (MASH, consultation line, EDS, LADO, partnership) per area, from the deployment file.

Numbers differ by local authority, so they are configuration, never content: one
file (local_contacts.yml) lists every area a deployment serves. Where a value is
not set, the wording says where to find it instead of guessing. A number in
Ofcom's drama ranges is marked as an example, and an area whose details were
last checked too long ago says so, so that nobody rings a stale number unwarned.

The file is checked at action-server start-up; an error names the area and field.
The older one-area layout (mash/eds/lado at the top level) is still read.
"""

import datetime
import os
import re
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import yaml
from pydantic import BaseModel, Extra, Field, ValidationError, validator

from actions.content.interactive import OfficeHoursConfig
from actions.content.knowledge_base import KnowledgeBaseError, and_join, field_errors

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "local_contacts.yml"
DEFAULT_CHECK_EVERY_DAYS = 365

UNSET = {
    "mash": "your local MASH (the children's social care front door)",
    "eds": "your local Emergency Duty Service (out-of-hours children's social care)",
    "lado": "your local authority's LADO (Local Authority Designated Officer)",
    "consultation": "your local MASH consultation line",
    "partnership": "your local safeguarding children partnership",
}
SERVICE_NAMES = {"mash": "MASH", "eds": "Emergency Duty Service", "lado": "LADO"}
# Ofcom's numbers reserved for drama (TV, radio, examples): 8-digit prefix + 3 digits.
DRAMA_PREFIXES = tuple(
    [f"0{code}4960" for code in ("113", "114", "115", "116", "117", "118", "121", "131", "141", "151", "161")]
    + ["02079460", "01914980", "02896496", "02920180", "01632960", "07700900", "08081570"]
    + ["09098790", "03069990"]
)
EXAMPLE_NOTE = "example - not a real number"


def phone_digits(phone: str) -> str:
    """The digits of a UK number as dialled from the UK (+44 -> 0)."""
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if phone.strip().startswith("+44") else digits


def is_drama_number(phone: str) -> bool:
    """True for a number Ofcom reserves for drama: it can never be a real service."""
    digits = phone_digits(phone)
    return len(digits) == 11 and digits.startswith(DRAMA_PREFIXES)


class Service(BaseModel):
    name: Optional[str] = None
    phone: Optional[str] = None
    hours: Optional[str] = None

    class Config:
        extra = Extra.forbid

    @validator("phone")
    def looks_like_a_uk_number(cls, phone: Optional[str]) -> Optional[str]:
        if phone is None:
            return phone
        if not re.fullmatch(r"\+?[\d\s()-]+", phone.strip()):
            raise ValueError(f"'{phone}' is not a UK phone number")
        digits = phone_digits(phone)
        if not (digits.startswith("0") and 10 <= len(digits) <= 11):
            raise ValueError(f"'{phone}' is not a UK phone number")
        return phone.strip()


class Partnership(BaseModel):
    name: Optional[str] = None
    website: Optional[str] = None

    class Config:
        extra = Extra.forbid

    @validator("website")
    def a_web_address(cls, website: Optional[str]) -> Optional[str]:
        if website is not None and not re.match(r"https?://\S+$", website):
            raise ValueError(f"'{website}' is not a web address (https://...)")
        return website


class LocalContacts(BaseModel):
    """One area's contacts, and the wording made from them."""

    example: bool = False
    area: Optional[str] = None
    aliases: List[str] = []
    mash: Service = Service()
    consultation: Service = Service()
    eds: Service = Service()
    lado: Service = Service()
    partnership: Partnership = Partnership()
    office_hours: Optional[OfficeHoursConfig] = None
    last_checked: Optional[datetime.date] = None
    check_every_days: int = DEFAULT_CHECK_EVERY_DAYS
    # Said when several areas are configured and the user has not said theirs yet.
    choose_hint: Optional[str] = None

    class Config:
        extra = Extra.forbid

    def placeholders(self) -> Dict[str, str]:
        """Text for the {mash}, {eds}, {lado} and {partnership} placeholders of answers."""
        return {
            **{key: self._service(key, getattr(self, key)) for key in SERVICE_NAMES},
            "partnership": self._partnership(),
        }

    def service(self, key: str) -> str:
        """One service as a phrase: name, number and notes, or where to find it."""
        return self._service(key, getattr(self, key))

    def _service(self, key: str, service: Service) -> str:
        name = f"the {service.name}" if service.name else UNSET[key]
        if not service.phone:
            return name
        notes = [EXAMPLE_NOTE] if self.example or is_drama_number(service.phone) else []
        notes += [service.hours] if service.hours else []
        return f"{name} on {service.phone}" + (f" ({'; '.join(notes)})" if notes else "")

    def where_to_find(self, used: Iterable[str], today: Optional[datetime.date] = None) -> Optional[str]:
        """Lines on where to find the numbers not configured, and on checking stale ones,
        if any local contact was used; None when there is nothing to add."""
        used = set(used)
        lines = []
        missing = [name for k, name in SERVICE_NAMES.items() if k in used and not getattr(self, k).phone]
        if missing:
            lines.append(
                f"Local numbers: find your {and_join(missing)} number{'s' if len(missing) > 1 else ''} "
                f"on {self.website()}, or ask your safeguarding lead."
            )
            if self.choose_hint:
                lines.append(self.choose_hint)
        stale = self.stale_note(today)
        if stale and used & {*SERVICE_NAMES, "consultation"}:
            lines.append(stale)
        return "\n".join(lines) or None

    def stale_note(self, today: Optional[datetime.date] = None) -> Optional[str]:
        """ "Last checked ..." when the area's details are older than the deployment allows."""
        if self.last_checked is None:
            return None
        age = ((today or datetime.date.today()) - self.last_checked).days
        if age <= self.check_every_days:
            return None
        return (
            f"These local numbers were last checked {self.last_checked:%d %B %Y}: "
            f"confirm them on {self.website()}."
        )

    def website(self) -> str:
        return self.partnership.website or f"{self._partnership()}'s website"

    def _partnership(self) -> str:
        if not self.partnership.name:
            return UNSET["partnership"]
        website = f" ({self.partnership.website})" if self.partnership.website else ""
        return f"the {self.partnership.name}{website}"


class Area(LocalContacts):
    """An area as written in the file: a name is required."""

    area: str = Field(alias="name", min_length=1)

    class Config:
        extra = Extra.forbid
        allow_population_by_field_name = True


class ContactsFile(BaseModel):
    example: bool = False
    check_every_days: int = Field(DEFAULT_CHECK_EVERY_DAYS, ge=1)
    default_area: Optional[str] = None
    areas: List[dict] = []

    class Config:
        extra = Extra.forbid


class Directory:
    """Every area of the deployment, and the contacts to use when none was chosen."""

    def __init__(self, areas: List[LocalContacts], default_area: Optional[str] = None) -> None:
        self.areas = {area.area: area for area in areas}
        if default_area is not None and default_area not in self.areas:
            raise KnowledgeBaseError(f"default_area: '{default_area}' is not one of the areas")
        if default_area is None and len(areas) == 1:
            default_area = areas[0].area
        self.default_area = default_area
        hint = None
        if len(areas) > 1 and default_area is None:
            hint = 'Tell me the area you work in (for example "I work in {}") for its numbers.'.format(
                areas[0].area
            )
        self.unchosen = LocalContacts(choose_hint=hint)

    def names(self) -> List[str]:
        return list(self.areas)

    def get(self, name: Optional[str]) -> LocalContacts:
        """The contacts of that area; the deployment's fixed area, or none, otherwise."""
        if name in self.areas:
            return self.areas[name]
        if self.default_area:
            return self.areas[self.default_area]
        return self.unchosen


def load_directory(path: Optional[Path] = None) -> Directory:
    """Read the deployment file named by LOCAL_CONTACTS_FILE, or the default."""
    path = Path(path or os.environ.get("LOCAL_CONTACTS_FILE") or DEFAULT_FILE)
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as error:
        raise KnowledgeBaseError(f"{path}: invalid local contacts: {error}") from error
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{path}: invalid local contacts: not a mapping")
    try:
        if "areas" not in data:  # the one-area layout of earlier versions
            return Directory([LocalContacts.parse_obj(data)])
        settings = ContactsFile.parse_obj(data)
    except ValidationError as error:
        raise KnowledgeBaseError(f"{path}: invalid local contacts: {error}") from error
    areas = [parse_area(raw, number, settings, path) for number, raw in enumerate(settings.areas, 1)]
    seen: Dict[str, str] = {}
    for area in areas:
        for spelling in [area.area, *area.aliases]:
            key = spelling.casefold()
            if key in seen and seen[key] != area.area:
                raise KnowledgeBaseError(
                    f"{path}: area '{area.area}': name or alias '{spelling}' is also used by '{seen[key]}'"
                )
            seen[key] = area.area
    return Directory(areas, settings.default_area)


def parse_area(raw: dict, number: int, settings: ContactsFile, where: object) -> LocalContacts:
    """One area, with errors naming the area and the field."""
    label = f"area {number}"
    if isinstance(raw, dict) and raw.get("name"):
        label = f"area '{raw['name']}'"
    try:
        defaults = {"example": settings.example, "check_every_days": settings.check_every_days}
        area = Area.parse_obj({**defaults, **raw})
    except (ValidationError, TypeError) as error:
        detail = field_errors(error) if isinstance(error, ValidationError) else str(error)
        raise KnowledgeBaseError(f"{where}: {label}: {detail}") from error
    return LocalContacts.parse_obj(area.dict())


def load_local_contacts(path: Optional[Path] = None) -> LocalContacts:
    """The contacts used when the user named no area (the fixed area of a one-area deployment)."""
    return load_directory(path).get(None)
