"""The turns around the answers: session start, roles, the help menu and "did you mean"."""
