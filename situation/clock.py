"""Office hours of children's social care: when a referral goes to the MASH, and when to the EDS.

England and Wales bank holidays (with substitute days) come from the maintained `holidays`
calendar rather than a hand-kept list. Shared by the situation reader and the helper.
"""

import datetime
import logging
import os
from dataclasses import dataclass
from typing import Optional, Tuple
from zoneinfo import ZoneInfo

import holidays

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# England and Wales bank holidays, from a maintained calendar rather than a hand-kept list.
BANK_HOLIDAYS = holidays.country_holidays("GB", subdiv="ENG")
logger = logging.getLogger(__name__)
# A fixed "now" (ISO 8601, e.g. 2026-12-08T10:30; naive times are UK time) for a trainer who
# demonstrates an out-of-hours case in the daytime, and for evaluations whose results must
# not depend on the hour they run. Unset in practice: the real clock.
CLOCK_ENV = "GUIDE_CLOCK"


def current_time() -> datetime.datetime:
    """The fixed clock if one is set and readable, else the real one (a mistyped setting is
    logged, never a failed turn)."""
    fixed = os.environ.get(CLOCK_ENV)
    if fixed:
        try:
            now = datetime.datetime.fromisoformat(fixed.strip())
            return now if now.tzinfo else now.replace(tzinfo=ZoneInfo("Europe/London"))
        except ValueError:
            logger.warning(
                "%s=%r is not an ISO 8601 time (e.g. 2026-12-08T10:30): the real clock is used",
                CLOCK_ENV,
                fixed,
            )
    return datetime.datetime.now(datetime.timezone.utc)


@dataclass(frozen=True)
class OfficeHours:
    timezone: str = "Europe/London"
    days: Tuple[str, ...] = DAYS[:5]
    start: str = "09:00"
    end: str = "17:00"

    def local(self, now: Optional[datetime.datetime] = None) -> datetime.datetime:
        now = now or current_time()
        return now.astimezone(ZoneInfo(self.timezone))

    def is_open(self, now: Optional[datetime.datetime] = None) -> bool:
        local = self.local(now)
        return self.open_at(local.date(), local.time())

    def open_at(self, day: datetime.date, time: datetime.time) -> bool:
        """Open on that day at that time: a listed weekday, within hours, not a bank holiday."""
        return self.day_open(day) and self.time_open(time)

    def day_open(self, day: datetime.date) -> bool:
        return DAYS[day.weekday()] in self.days and day not in BANK_HOLIDAYS

    def time_open(self, time: datetime.time) -> bool:
        start, end = (datetime.time.fromisoformat(t) for t in (self.start, self.end))
        return start <= time < end

    def answer_for(self, now: Optional[datetime.datetime] = None) -> str:
        return "in_hours" if self.is_open(now) else "out_of_hours"

    def describe_now(self, now: Optional[datetime.datetime] = None) -> str:
        local = self.local(now)
        label = "office hours" if self.is_open(now) else "out of hours"
        return f"{local:%a %H:%M}, {label}"

    def time_now(self, now: Optional[datetime.datetime] = None) -> str:
        return f"{self.local(now):%A %H:%M}"

    def describe(self) -> str:
        days = f"{self.days[0].capitalize()}-{self.days[-1].capitalize()}" if self.days else "no days"
        return f"{days} {self.start}-{self.end}"
