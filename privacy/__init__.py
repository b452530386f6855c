"""Keeps identifying details about children and families out of stored conversations."""
