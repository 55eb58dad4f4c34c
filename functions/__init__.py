"""Thin cloud entry points: each parses its input and calls one function in ichseg.cloud."""
