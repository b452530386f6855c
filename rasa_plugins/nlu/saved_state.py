"""A trained NLU component's state in Rasa's model storage, one joblib file per component:
the danger model (emergency_guard.py) and the concern model (situation_detector.py)."""

from typing import Any, Optional

import joblib
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage


def save(storage: ModelStorage, resource: Resource, name: str, state: Any) -> Resource:
    with storage.write_to(resource) as directory:
        joblib.dump(state, directory / name)
    return resource


def saved(storage: ModelStorage, resource: Resource, name: str) -> Optional[Any]:
    """The state saved under `name`, or None when the component was never trained."""
    try:
        with storage.read_from(resource) as directory:
            return joblib.load(directory / name)
    except (ValueError, FileNotFoundError):
        return None
