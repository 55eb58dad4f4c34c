"""Plain wording for messages the server sends to people."""

from __future__ import annotations


def wait_text(seconds: float) -> str:
    """A waiting time as a person says it: "30 seconds", "1 minute", "15 minutes".

    Args:
        seconds: The wait in seconds (rounded up to whole minutes past one minute).

    Returns:
        The wait in words.
    """
    s = max(1, int(-(-seconds // 1)))
    if s < 60:
        return f"{s} second{'s' if s != 1 else ''}"
    minutes = -(-s // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
