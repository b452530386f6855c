"""The SQLite tracker store's journal and connections, set for one commit per turn that costs
a write, not three flushes to disk.

Rasa 3.6 opens its SQLite file with SQLite's defaults: a rollback journal with
`synchronous=FULL` (each commit creates, flushes and deletes a journal file and flushes the
database: 2-3 fsyncs, 8 ms a turn on this machine's disk, more under load), and SQLAlchemy 1.4's
NullPool, which opens a new connection (and reads the schema again) for every query block
of a turn. Here, for a file database only (PostgreSQL and `:memory:` are left as Rasa
makes them):

- `journal_mode=WAL`: a commit appends to `rasa.db-wal`; readers (`make purge`, `make
  review`) do not block the server's writes. The mode is stored in the file.
- `synchronous=NORMAL` (default; SQLITE_SYNCHRONOUS=FULL flushes the WAL at every commit
  instead): a commit is written to the operating system before `commit()` returns and
  flushed to disk at each checkpoint. So a killed or crashed Rasa process loses nothing
  that was committed - every answered turn's events were committed before the reply was
  sent - while a power cut or an operating-system crash can lose the turns committed since
  the last checkpoint (the database itself stays consistent). docs/DEPLOYMENT.md says
  which to choose.
- The connections are kept (SQLAlchemy's QueuePool, as SQLAlchemy 2.0 does for SQLite
  files): no reconnect per query block, and the WAL is not checkpointed and deleted each
  time the last connection closes.

Setting, from the environment: SQLITE_SYNCHRONOUS, NORMAL (default) or FULL.
"""

import os
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

SYNCHRONOUS = ("NORMAL", "FULL")


class SQLiteSettingError(ValueError):
    """An unusable SQLITE_SYNCHRONOUS; one line for the operator."""


def synchronous() -> str:
    raw = os.environ.get("SQLITE_SYNCHRONOUS", "").strip().upper()
    if not raw:
        return SYNCHRONOUS[0]
    if raw not in SYNCHRONOUS:
        raise SQLiteSettingError(f"SQLITE_SYNCHRONOUS must be NORMAL or FULL, not {raw!r}")
    return raw


def is_file(engine: Any) -> bool:
    database = engine.url.database
    return engine.dialect.name == "sqlite" and bool(database) and database != ":memory:"


def tune(store: Any) -> None:
    """Gives a SQL tracker store on a SQLite file a WAL journal, the synchronous setting and
    kept connections: its engine and sessionmaker are replaced, same URL. Anything else is
    left alone."""
    if not is_file(store.engine):
        return
    mode = synchronous()
    engine = sa.create_engine(
        store.engine.url,
        poolclass=sa.pool.QueuePool,
        # A pooled connection may be handed to another thread later; only one uses it at a time.
        connect_args={"check_same_thread": False},
    )

    @sa.event.listens_for(engine, "connect")
    def _settings(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={mode}")
        cursor.close()

    old = store.engine
    store.engine = engine
    store.sessionmaker = sessionmaker(bind=engine)
    old.dispose()
