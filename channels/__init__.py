"""Input channels of this assistant that Rasa's own do not cover (see credentials.yml)."""
