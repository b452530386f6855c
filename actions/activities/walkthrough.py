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
NAVIGATION = {"next": "/walkthrough_next", "back": "/walkthrough_back", "repeat": "/walkthrough_repeat",
              "skip": "/walkthrough_skip", "stop": "/stop"}


@dataclass(frozen=True)
class State:
    stage: int = 0
    score: int = 0
    answered: Tuple[int, ...] = ()


class Walkthrough:
    def __init__(self, scenario: WalkthroughScript, kb: KnowledgeBase) -> None:
        self.scenario = scenario
        self.kb = kb
        self.stages = scenario.stages

    @property
    def scored_stages(self) -> int:
        return sum(stage.scored for stage in self.stages)

    def start(self) -> Tuple[Messages, State]:
        intro = f"**{self.scenario.title}**\n" + self.scenario.intro.format(stages=len(self.stages))
        return [{"text": intro}] + self.show(0), State()

    def show(self, index: int) -> Messages:
        stage = self.stages[index]
        parts = [f"**Stage {index + 1} of {len(self.stages)}: {stage.title}**", stage.happened.strip()]
        if stage.discussion_prompt:
            parts.append(f"Discussion prompt (not from the review): {stage.discussion_prompt.strip()}")
        parts.append(f"Question: {stage.question}")
        return [{"text": "\n".join(parts),
                 "buttons": [button(i, o.text) for i, o in enumerate(stage.options)]}]

    def choose(self, state: State, index: int) -> Tuple[Messages, State]:
        stage = self.stages[state.stage]
        option = stage.options[index]
        first_time = state.stage not in state.answered
        if option.best:
            verdict = "The strongest option."
        elif stage.scored:
            best = next(i for i, o in enumerate(stage.options) if o.best)
            verdict = f"The strongest option is {letter(best)}: {stage.options[best].text}."
        else:
            verdict = "A reflection - there is no single right answer."
        lines = [f"You chose {letter(index)}: {option.text}.", option.feedback.strip(), verdict,
                 f"Learning points: {learning_points_text(self.kb, stage.learning_points)}."]
        if not first_time:
            lines.append("(Only the first choice at each stage counts towards the score.)")
        score = state.score + (1 if first_time and option.best else 0)
        new = replace(state, score=score, answered=tuple(sorted({*state.answered, state.stage})))
        return [{"text": "\n".join(lines), "buttons": self.navigation(new)}], new

    def navigation(self, state: State) -> List[dict]:
        last = state.stage == len(self.stages) - 1
        buttons = [{"title": "See the summary" if last else "Next stage", "payload": NAVIGATION["next"]}]
        if state.stage > 0:
            buttons.append({"title": "Back", "payload": NAVIGATION["back"]})
        buttons += [{"title": "Repeat this stage", "payload": NAVIGATION["repeat"]},
                    {"title": "Skip to the end", "payload": NAVIGATION["skip"]},
                    {"title": "Stop", "payload": NAVIGATION["stop"]}]
        return buttons

    def next(self, state: State) -> Tuple[Messages, Optional[State]]:
        if state.stage + 1 >= len(self.stages):
            return self.summary(state), None
        new = replace(state, stage=state.stage + 1)
        return self.show(new.stage), new

    def back(self, state: State) -> Tuple[Messages, State]:
        new = replace(state, stage=max(0, state.stage - 1))
        prefix = [] if state.stage > 0 else [{"text": "This is the first stage."}]
        return prefix + self.show(new.stage), new

    def repeat(self, state: State) -> Tuple[Messages, State]:
        return self.show(state.stage), state

    def score_text(self, state: State) -> str:
        answered = len([i for i in state.answered if self.stages[i].scored])
        return (f"Your group chose the strongest option at {state.score} of {self.scored_stages} "
                f"decision points ({answered} answered).")

    def summary(self, state: State) -> Messages:
        points = sorted({n for stage in self.stages for n in stage.learning_points})
        text = "\n".join([f"**End of the walk-through: {self.scenario.title}**", self.score_text(state),
                          self.scenario.summary.strip()])
        return [{"text": text},
                source_message(self.kb, points, self.scenario.sources,
                               buttons=[{"title": "Start again", "payload": "/training_scenario"},
                                        {"title": "Try a quiz", "payload": "/quiz"},
                                        {"title": "The learning points", "payload": "/learning_summary"}])]

    def stop(self, state: State) -> Messages:
        return [{"text": f"Walk-through stopped at stage {state.stage + 1} of {len(self.stages)}. "
                         + self.score_text(state),
                 "buttons": [{"title": "Start again", "payload": "/training_scenario"}]}]

    def where(self, state: State) -> str:
        return f"the walk-through of Luke's case (stage {state.stage + 1} of {len(self.stages)})"
