"""`make eval`: NLU cross-validation, held-out sets through the full bot, and a keyword baseline."""
