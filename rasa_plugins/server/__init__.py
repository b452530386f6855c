"""Code loaded into the Rasa server process (not the action server).

Two kinds: plug-ins Rasa loads by name from credentials.yml / endpoints.yml (the
channels, the tracker store, the lock store), and two replacements of Rasa's own
code (the action guard, the cached event lookup) that `start.py` installs before
Rasa's CLI runs, and the channels and tracker store install when Rasa loads them.
docs/UPGRADING.md lists what each relies on inside Rasa.
"""

# The Rasa line every module here was written and tested for; start.py refuses any other.
RASA_LINE = "3.6."
