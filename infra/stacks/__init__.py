"""Stacks: they only compose constructs."""
