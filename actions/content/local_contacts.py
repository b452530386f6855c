"""Local contacts (MASH, EDS, LADO, partnership) from the deployment file.

Numbers differ by local authority, so they are configuration, never content.
Where a value is not set, the wording says where to find it instead of guessing.
"""

import os
from pathlib import Path
from typing import Dict, Iterable, Optional

import yaml
from pydantic import BaseModel, ValidationError, validator

from actions.content.knowledge_base import KnowledgeBaseError

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "local_contacts.yml"

UNSET = {
    "mash": "your local MASH (the children's social care front door)",
    "eds": "your local Emergency Duty Service (out-of-hours children's social care)",
    "lado": "your local authority's LADO (Local Authority Designated Officer)",
    "partnership": "your local safeguarding children partnership",
}
SERVICE_NAMES = {"mash": "MASH", "eds": "Emergency Duty Service", "lado": "LADO"}


class Service(BaseModel):
    name: Optional[str] = None
    phone: Optional[str] = None
    hours: Optional[str] = None

    @validator("phone")
    def looks_like_a_uk_number(cls, phone: Optional[str]) -> Optional[str]:
        digits = [c for c in phone or "" if c.isdigit()]
        if phone is not None and not 10 <= len(digits) <= 11:
            raise ValueError(f"'{phone}' is not a UK phone number")
        return phone


class Partnership(BaseModel):
    name: Optional[str] = None
    website: Optional[str] = None


class LocalContacts(BaseModel):
    example: bool = False
    area: Optional[str] = None
    mash: Service = Service()
    eds: Service = Service()
    lado: Service = Service()
    partnership: Partnership = Partnership()

    def placeholders(self) -> Dict[str, str]:
        """Text for the {mash}, {eds}, {lado} and {partnership} placeholders of answers."""
        return {
            **{key: self._service(key, getattr(self, key)) for key in SERVICE_NAMES},
            "partnership": self._partnership(),
        }

    def _service(self, key: str, service: Service) -> str:
        name = f"the {service.name}" if service.name else UNSET[key]
        if not service.phone:
            return name
        notes = ["example - not a real number"] if self.example else []
        notes += [service.hours] if service.hours else []
        return f"{name} on {service.phone}" + (f" ({'; '.join(notes)})" if notes else "")

    def where_to_find(self, used: Iterable[str]) -> Optional[str]:
        """One line on where to find the numbers that are not configured, if any were used."""
        missing = [name for k, name in SERVICE_NAMES.items() if k in used and not getattr(self, k).phone]
        if not missing:
            return None
        place = self.partnership.website or f"{self._partnership()}'s website"
        return (
            f"Local numbers: find your {_and(missing)} number{'s' if len(missing) > 1 else ''} "
            f"on {place}, or ask your safeguarding lead."
        )

    def _partnership(self) -> str:
        if not self.partnership.name:
            return UNSET["partnership"]
        website = f" ({self.partnership.website})" if self.partnership.website else ""
        return f"the {self.partnership.name}{website}"


def load_local_contacts(path: Optional[Path] = None) -> LocalContacts:
    """Read the deployment file named by LOCAL_CONTACTS_FILE, or the default."""
    path = Path(path or os.environ.get("LOCAL_CONTACTS_FILE") or DEFAULT_FILE)
    try:
        with path.open(encoding="utf-8") as handle:
            return LocalContacts.parse_obj(yaml.safe_load(handle) or {})
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise KnowledgeBaseError(f"{path}: invalid local contacts: {error}") from error


def _and(names: list) -> str:
    """Names joined as a sentence says them: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
