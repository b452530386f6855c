"""The trainers' walk-through of Luke's case and the quiz: their logic (Rasa-free),
and the one action that runs them."""
