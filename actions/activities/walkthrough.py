"""The trainers' walk-through as a small state machine, free of Rasa.

State lives in slots (stage index, score, stages answered); every command takes
the state and returns the messages to send and the new state (None = ended).
"""

from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from actions.activities.choices import button, letter
from actions.answers.citations import learning_points_text, source_message
from actions.content.interactive import WalkthroughScript
from actions.content.knowledge_base import KnowledgeBase

Messages = List[dict]
NAVIGATION = {
    "next": "/walkthrough_next",
    "back": "/walkthrough_back",
    "repeat": "/walkthrough_repeat",
    "skip": "/walkthrough_skip",
    "stop": "/stop",
}


@dataclass(frozen=True)
class State:
    stage: int = 0
    score: int = 0
    answered: Tuple[int, ...] = ()
    # The group's first choice at each stage answered: (stage, option) pairs.
    choices: Tuple[Tuple[int, int], ...] = ()


class Walkthrough:
    def __init__(self, script: WalkthroughScript, kb: KnowledgeBase) -> None:
        self.script = script
        self.kb = kb
        self.stages = script.stages
        self.words = script.words

    @property
    def scored_stages(self) -> int:
        return sum(stage.scored for stage in self.stages)

    def start(self) -> Tuple[Messages, State]:
        intro = f"**{self.script.title}**\n" + self.script.intro.format(stages=len(self.stages))
        return [{"text": intro}] + self.show(0), State()

    def show(self, index: int) -> Messages:
        stage = self.stages[index]
        words = self.words
        parts = [
            words.stage.format(number=index + 1, total=len(self.stages), title=stage.title),
            stage.happened.strip(),
        ]
        if stage.discussion_prompt:
            parts.append(words.discussion_prompt.format(prompt=stage.discussion_prompt.strip()))
        parts.append(words.question.format(question=stage.question))
        return [
            {"text": "\n".join(parts), "buttons": [button(i, o.text) for i, o in enumerate(stage.options)]}
        ]

    def choose(self, state: State, index: int) -> Tuple[Messages, State]:
        stage = self.stages[state.stage]
        option = stage.options[index]
        first_time = state.stage not in state.answered
        words = self.words
        if option.best:
            verdict = words.best
        elif stage.scored:
            best = next(i for i, o in enumerate(stage.options) if o.best)
            verdict = words.best_was.format(letter=letter(best), option=stage.options[best].text)
        else:
            verdict = words.reflection
        lines = [
            words.you_chose.format(letter=letter(index), option=option.text),
            option.feedback.strip(),
            verdict,
            words.learning_points.format(points=learning_points_text(self.kb, stage.learning_points)),
        ]
        if not first_time:
            lines.append(words.first_choice_counts)
        score = state.score + (1 if first_time and option.best else 0)
        choices = state.choices + ((state.stage, index),) if first_time else state.choices
        new = replace(
            state, score=score, answered=tuple(sorted({*state.answered, state.stage})), choices=choices
        )
        return [{"text": "\n".join(lines), "buttons": self.navigation(new)}], new

    def navigation(self, state: State) -> List[dict]:
        words = self.words
        last = state.stage == len(self.stages) - 1
        buttons = [
            {"title": words.summary_button if last else words.next_button, "payload": NAVIGATION["next"]}
        ]
        if state.stage > 0:
            buttons.append({"title": words.back_button, "payload": NAVIGATION["back"]})
        buttons += [
            {"title": words.repeat_button, "payload": NAVIGATION["repeat"]},
            {"title": words.skip_button, "payload": NAVIGATION["skip"]},
            {"title": words.stop_button, "payload": NAVIGATION["stop"]},
        ]
        return buttons

    def next(self, state: State) -> Tuple[Messages, Optional[State]]:
        if state.stage + 1 >= len(self.stages):
            return self.summary(state), None
        new = replace(state, stage=state.stage + 1)
        return self.show(new.stage), new

    def back(self, state: State) -> Tuple[Messages, State]:
        new = replace(state, stage=max(0, state.stage - 1))
        prefix = [] if state.stage > 0 else [{"text": self.words.first_stage}]
        return prefix + self.show(new.stage), new

    def repeat(self, state: State) -> Tuple[Messages, State]:
        return self.show(state.stage), state

    def score_text(self, state: State) -> str:
        answered = len([i for i in state.answered if self.stages[i].scored])
        return self.words.score.format(score=state.score, scored=self.scored_stages, answered=answered)

    def summary(self, state: State) -> Messages:
        points = sorted({n for stage in self.stages for n in stage.learning_points})
        text = "\n".join(
            [
                self.words.end.format(title=self.script.title),
                self.score_text(state),
                self.script.summary.strip(),
                self.room(state),
            ]
        )
        # Marked as a summary: the web page offers "Print or save as PDF" for the room.
        return [
            {"text": text, "summary": True},
            source_message(
                self.kb,
                points,
                self.script.sources,
                buttons=[
                    {"title": self.words.start_again_button, "payload": "/training_scenario"},
                    {"title": self.words.quiz_button, "payload": "/quiz"},
                    {"title": self.words.learning_points_button, "payload": "/learning_summary"},
                ],
            ),
        ]

    def room(self, state: State) -> str:
        """For the trainer: each stage, the group's first choice and its learning points."""
        words = self.words
        chosen = dict(state.choices)
        lines = [words.room_heading]
        for number, stage in enumerate(self.stages):
            points = ", ".join(str(n) for n in sorted(stage.learning_points))
            values = {"number": number + 1, "title": stage.title, "points": points}
            if number not in chosen:
                lines.append(words.room_not_answered.format(**values))
                continue
            option = stage.options[chosen[number]]
            if option.best:
                verdict = words.best
            elif stage.scored:
                best = next(i for i, o in enumerate(stage.options) if o.best)
                verdict = words.room_best_was.format(letter=letter(best))
            else:
                verdict = words.reflection
            said = option.text.strip().rstrip(".")
            text = words.room_stage.format(
                letter=letter(chosen[number]), option=said, verdict=verdict, **values
            )
            lines.append(" ".join(text.split()))
        return "\n".join(lines)

    def stop(self, state: State) -> Messages:
        stopped = self.words.stopped.format(number=state.stage + 1, total=len(self.stages))
        return [
            {
                "text": f"{stopped} {self.score_text(state)}",
                "buttons": [{"title": self.words.start_again_button, "payload": "/training_scenario"}],
            }
        ]

    def where(self, state: State) -> str:
        return self.words.where.format(number=state.stage + 1, total=len(self.stages))
