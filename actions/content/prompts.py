"""The fixed words of the conversation that belong to no topic (knowledge_base/prompts.yml)."""

from pathlib import Path

from actions.content.knowledge_base import KB_DIR, Strict, _parse, _read_yaml


class ActivityPrompts(Strict):
    nothing_running: str
    walkthrough_button: str
    quiz_button: str
    helper_button: str
    resume_offer: str
    continue_button: str
    stop_button: str
    ended_by_emergency: str


class Prompts(Strict):
    privacy_reminder: str
    unavailable: str  # read by the Rasa server's action guard
    activity: ActivityPrompts


def load_prompts(directory: Path = KB_DIR) -> Prompts:
    path = directory / "prompts.yml"
    return _parse(Prompts, _read_yaml(path), path)
