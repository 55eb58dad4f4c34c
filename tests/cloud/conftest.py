"""Firebase emulator fixtures: one Firestore + Auth emulator pair per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from emulators import ROOT, EmulatorError, Emulators


@pytest.fixture(scope="session")
def emulators(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulators]:
    """Running emulators with ``firestore.rules`` loaded; fails clearly if not installed."""
    try:
        emu = Emulators(tmp_path_factory.mktemp("emulators")).start(ROOT / "firestore.rules")
    except EmulatorError as exc:
        pytest.fail(f"Firebase emulators unavailable: {exc}", pytrace=False)
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def firebase_env(emulators: Emulators, monkeypatch: pytest.MonkeyPatch) -> Emulators:
    """Point the Google/Firebase clients at the emulators for one test."""
    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", emulators.firestore_host)
    monkeypatch.setenv("FIREBASE_AUTH_EMULATOR_HOST", emulators.auth_host)
    monkeypatch.setenv("GCLOUD_PROJECT", emulators.project)
    return emulators
