"""Topic answers and their rendering: the generic answer action, follow-ups, the source line."""
