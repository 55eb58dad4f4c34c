"""Fixtures of the robustness tests: the bad-input corpus, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from robustness.corpus import CASES, build_all


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bad input of :data:`robustness.corpus.CASES`, by case name."""
    return build_all(tmp_path_factory.mktemp("bad-inputs"))


def case_ids() -> list[str]:
    """Test ids of the corpus table."""
    return [case.name for case in CASES]
