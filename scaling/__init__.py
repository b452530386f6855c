"""Pieces for running several Rasa servers side by side (see docs/DEPLOYMENT.md)."""
