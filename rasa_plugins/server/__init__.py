"""Code loaded into the Rasa server process (not the action server): the guarded REST channel and the action-call guard."""
