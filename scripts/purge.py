"""Retention: delete conversations whose latest event is older than RETENTION_DAYS.

Reads the tracker store from the same endpoints file the Rasa server uses
(ENDPOINTS, default endpoints.yml, as `make serve`; with Rasa's own ${ENV_VAR} substitution
and URL building), so it purges exactly the database Rasa writes to: the SQLite
file by default, PostgreSQL with endpoints.scale.yml. A conversation is deleted
whole - every event of its sender id - and only when nothing in it is recent, so
a long-running conversation is never cut in half.

    RETENTION_DAYS=30 .venv/bin/python scripts/purge.py [--dry-run]
"""

import argparse
import os
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")  # Rasa 3.6 uses the 1.4 API on purpose
import sqlalchemy as sa  # noqa: E402

DEFAULT_DAYS = 30
CHUNK = 500  # sender ids per DELETE: below SQLite's bound-parameter limit

EVENTS = sa.table("events", sa.column("sender_id"), sa.column("timestamp"))


@dataclass
class Purged:
    conversations: int
    events: int
    cutoff: float


# Rasa's SQL store, and ours that masks identifying details before writing (same tables).
SQL_STORE_TYPES = {"sql", "rasa_plugins.server.tracker_store.maskingsqltrackerstore"}


def _tracker_store_config(endpoints_file: str, read_endpoint_config):
    """The tracker_store section only, read by Rasa (its ${VAR} substitution, its URL rules):
    purge and `make review` need the database settings, not ACTION_SERVER_URL or REDIS_*,
    which a reporting or cron host need not have. A ${VAR} left unset stops with one line."""
    from rasa.shared.exceptions import RasaException

    lines = Path(endpoints_file).read_text(encoding="utf-8").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("tracker_store:")), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\t", "#")), len(lines)
    )
    handle, name = tempfile.mkstemp(prefix="tracker-store-", suffix=".yml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines[start:end]) + "\n")
        return read_endpoint_config(name, "tracker_store")
    except RasaException as error:
        raise SystemExit(f"{endpoints_file}: {error}") from None
    finally:
        os.unlink(name)


def tracker_store_engine(endpoints_file: str) -> sa.engine.Engine:
    """An engine for the SQL tracker store configured in endpoints_file, built as Rasa builds it."""
    with (
        warnings.catch_warnings()
    ):  # Rasa's imports warn about its dependencies; cron mail wants the result only
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
        from rasa.utils.endpoints import read_endpoint_config

    config = _tracker_store_config(endpoints_file, read_endpoint_config)
    if config is None or (config.type or "").lower() not in SQL_STORE_TYPES:
        raise SystemExit(f"{endpoints_file}: tracker_store is not a SQL tracker store; nothing to purge")
    settings = {
        k: config.kwargs[k]
        for k in ("dialect", "port", "db", "username", "password", "login_db", "query")
        if config.kwargs.get(k) is not None
    }
    settings.pop("login_db", None)  # the working database, not the one used to create it
    with warnings.catch_warnings():  # Rasa 3.6 builds the URL with a call SQLAlchemy 1.4 deprecates
        warnings.simplefilter("ignore")
        url = SQLTrackerStore.get_db_url(host=config.url, **settings)
    return sa.create_engine(url, **create_engine_kwargs(url))


def stale_senders(connection, cutoff: float) -> List[str]:
    """Conversations whose latest event is older than the cutoff."""
    query = (
        sa.select(EVENTS.c.sender_id)
        .group_by(EVENTS.c.sender_id)
        .having(sa.func.max(EVENTS.c.timestamp) < cutoff)
    )
    return [row[0] for row in connection.execute(query)]


def purge(
    engine: sa.engine.Engine, days: float, dry_run: bool = False, now: Optional[float] = None
) -> Purged:
    cutoff = (now if now is not None else time.time()) - days * 86400
    if not sa.inspect(engine).has_table("events"):
        return Purged(0, 0, cutoff)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Writers wait (readers do not) while we delete: no event can slip into a
            # conversation between finding it stale and deleting it.
            connection.execute(sa.text("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE"))
        senders = stale_senders(connection, cutoff)
        count = sa.select(sa.func.count()).select_from(EVENTS)
        if dry_run:
            events = sum(
                connection.execute(count.where(EVENTS.c.sender_id.in_(senders[i : i + CHUNK]))).scalar()
                for i in range(0, len(senders), CHUNK)
            )
            return Purged(len(senders), events, cutoff)
        recent = sa.select(EVENTS.c.sender_id).where(EVENTS.c.timestamp >= cutoff)
        events = 0
        for i in range(0, len(senders), CHUNK):
            # Re-checked in the DELETE itself: a conversation that came back to life is kept whole.
            result = connection.execute(
                sa.delete(EVENTS).where(
                    EVENTS.c.sender_id.in_(senders[i : i + CHUNK]), EVENTS.c.sender_id.not_in(recent)
                )
            )
            events += result.rowcount
    return Purged(len(senders), events, cutoff)


def retention_days(value: Optional[str]) -> float:
    try:
        days = float(value) if value not in (None, "") else DEFAULT_DAYS
    except ValueError:
        raise SystemExit(f"RETENTION_DAYS must be a number of days, not {value!r}") from None
    if days < 1:
        # 0 would delete every conversation, including the ones going on now.
        raise SystemExit(f"RETENTION_DAYS must be at least 1 (got {value})")
    return days


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--endpoints",
        default=os.environ.get("ENDPOINTS") or "endpoints.yml",
        help="endpoints file whose tracker_store to purge (default: $ENDPOINTS, as for make serve, "
        "or endpoints.yml)",
    )
    parser.add_argument(
        "--days",
        default=os.environ.get("RETENTION_DAYS"),
        help=f"keep conversations active in the last N days (default: $RETENTION_DAYS or {DEFAULT_DAYS})",
    )
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args(argv)
    days = retention_days(args.days)
    if not Path(args.endpoints).exists():
        raise SystemExit(f"{args.endpoints} not found")
    engine = tracker_store_engine(args.endpoints)
    if engine.dialect.name == "sqlite" and engine.url.database and not Path(engine.url.database).exists():
        print(f"No conversations stored yet ({engine.url.database} does not exist)")
        return 0
    result = purge(engine, days, dry_run=args.dry_run)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(result.cutoff))
    verb = "Would delete" if args.dry_run else "Deleted"
    print(
        f"{verb} {result.conversations} conversation(s), {result.events} event(s), "
        f"with no activity since {when} ({days:g} days) from {engine.url!r}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
