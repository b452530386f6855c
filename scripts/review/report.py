"""The page: a Jinja2 template (templates/review.html.j2), autoescaped - the stored text is
what users typed (masked), so it must never become markup."""

from pathlib import Path
from typing import Dict

from jinja2 import Environment, FileSystemLoader, select_autoescape

from scripts.review import charts
from scripts.review.analysis import Review

TEMPLATES = Path(__file__).parent / "templates"


def render(result: Review, titles: Dict[str, str], reasons: Dict[str, str], generated: str) -> str:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]), trim_blocks=True
    )
    images = {
        "Questions per day": charts.questions_per_day(result.per_day),
        "Most-asked topics": charts.top_topics(result.topics_asked, titles),
        '"Did you mean" and out-of-scope rate': charts.miss_rates(result.per_day, result.kinds_per_day),
        "Feedback by topic": charts.feedback_by_topic(result.feedback, titles),
    }
    return environment.get_template("review.html.j2").render(
        review=result, images=images, titles=titles, reasons=reasons, generated=generated
    )
