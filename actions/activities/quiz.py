"""Quiz rounds, free of Rasa: pick questions, mark answers, keep the score.

State lives in slots (question ids of the round, position, score); every call
takes the state and returns the messages and the new state (None = ended).
"""

import random
import re
from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from actions.activities.choices import button, letter
from actions.answers.citations import source_line
from actions.content.interactive import Quiz
from actions.content.knowledge_base import KnowledgeBase

Messages = List[dict]


def _words(text: str) -> str:
    """Lower-case words padded with spaces, for whole-word matching."""
    words = re.sub(r"[^\w\s]", " ", (text or "").lower()).split()
    return " " + " ".join(words) + " "


@dataclass(frozen=True)
class State:
    questions: Tuple[str, ...]
    index: int = 0
    score: int = 0


class QuizMaster:
    def __init__(self, quiz: Quiz, kb: KnowledgeBase) -> None:
        self.quiz = quiz
        self.kb = kb
        self.questions = quiz.by_id()

    def topic_for(self, text: str) -> Optional[str]:
        """The quiz topic the user named ("quiz me on section 47"), longest keyword first."""
        said = _words(text)
        found = [
            (len(k), key)
            for key, topic in self.quiz.topics.items()
            for k in topic.keywords
            if _words(k) in said
        ]
        return max(found)[1] if found else None

    def start(self, text: str = "", rng: Optional[random.Random] = None) -> Tuple[Messages, State]:
        rng = rng or random.Random()
        topic = self.topic_for(text)
        on_topic = [q.id for q in self.quiz.questions if topic in q.topics]
        others = [q.id for q in self.quiz.questions if q.id not in on_topic]
        size = self.quiz.round_size
        picked = rng.sample(on_topic, min(size, len(on_topic)))
        picked += rng.sample(others, size - len(picked))
        words = self.quiz.words
        if topic:
            extra = "" if len(on_topic) >= size else words.intro_topic_short.format(on_topic=len(on_topic))
            intro = words.intro_topic.format(title=self.quiz.topics[topic].title, size=size, extra=extra)
        else:
            intro = words.intro_mixed.format(size=size)
        intro += words.how_to_answer
        state = State(questions=tuple(picked))
        return [{"text": intro}] + self.ask(state), state

    def ask(self, state: State) -> Messages:
        question = self.questions[state.questions[state.index]]
        heading = self.quiz.words.question.format(number=state.index + 1, total=len(state.questions))
        text = f"{heading}\n{question.question}"
        return [{"text": text, "buttons": [button(i, o) for i, o in enumerate(question.options)]}]

    def answer(self, state: State, index: Optional[int]) -> Tuple[Messages, Optional[State]]:
        """Marks the answer (None = "I don't know"), then asks the next question or ends."""
        question = self.questions[state.questions[state.index]]
        words = self.quiz.words
        said = (
            words.correct if index == question.answer else words.not_known if index is None else words.wrong
        )
        verdict = said.format(letter=letter(question.answer), option=question.options[question.answer])
        sources = source_line(self.kb, question.sources.learning_points, question.sources.guidance)
        feedback = [{"text": "\n".join([verdict, question.explanation.strip(), sources])}]
        new = replace(state, index=state.index + 1, score=state.score + (index == question.answer))
        if new.index >= len(new.questions):
            return feedback + self.final(new), None
        return feedback + self.ask(new), new

    def final(self, state: State) -> Messages:
        words = self.quiz.words
        return [
            {
                "text": words.end.format(score=state.score, total=len(state.questions)),
                "buttons": [
                    {"title": words.another_round, "payload": "/quiz"},
                    {"title": words.walkthrough_button, "payload": "/training_scenario"},
                    {"title": words.learning_points_button, "payload": "/learning_summary"},
                ],
            }
        ]

    def stop(self, state: State) -> Messages:
        return [
            {
                "text": self.quiz.words.stopped.format(score=state.score, answered=state.index),
                "buttons": [{"title": self.quiz.words.another_round, "payload": "/quiz"}],
            }
        ]

    def where(self, state: State) -> str:
        return self.quiz.words.where.format(number=state.index + 1, total=len(state.questions))
