"""In-memory twins of the Firestore scan index and the DynamoDB markers (local runs, tests)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from typing import Any

from ichseg.ports import MarkerClaim


class MemoryScanIndex:
    """Scan documents in a dict keyed by ``(uid, scan_id)``; writes merge like Firestore's."""

    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], dict[str, Any]] = {}
        self.writes = 0
        self._lock = threading.Lock()

    def set_scan(self, uid: str, scan_id: str, fields: Mapping[str, Any]) -> None:
        """Merge ``fields`` into the document."""
        with self._lock:
            doc = self.docs.setdefault((uid, scan_id), {})
            doc.update(copy.deepcopy(dict(fields)))
            self.writes += 1

    def get_scan(self, uid: str, scan_id: str) -> dict[str, Any] | None:
        """A copy of the document, or ``None``."""
        with self._lock:
            doc = self.docs.get((uid, scan_id))
            return None if doc is None else {"id": scan_id, **copy.deepcopy(doc)}

    def list_scans(self, uid: str, limit: int = 100) -> list[dict[str, Any]]:
        """The user's documents, most recently updated first."""
        with self._lock:
            mine = [
                {"id": sid, **copy.deepcopy(doc)} for (u, sid), doc in self.docs.items() if u == uid
            ]
        mine.sort(key=lambda d: str(d.get("updated_at", "")), reverse=True)
        return mine[:limit]

    def delete_scan(self, uid: str, scan_id: str) -> None:
        """Drop the document (none: no error)."""
        with self._lock:
            if self.docs.pop((uid, scan_id), None) is not None:
                self.writes += 1


class MemoryMarkerStore:
    """Markers in a dict, for a single process (local runs and tests)."""

    def __init__(self) -> None:
        self._items: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str, now: float, lease_s: int) -> MarkerClaim:
        """Claim ``key``; see :class:`ichseg.ports.MarkerStore`."""
        with self._lock:
            item = self._items.get(key)
            if item is None or (item["state"] == "running" and item["lease_until"] < now):
                self._items[key] = {"state": "running", "lease_until": now + lease_s}
                return MarkerClaim(state="acquired")
            if item["state"] == "done":
                return MarkerClaim(state="done", outcome=item["outcome"])
            return MarkerClaim(state="busy")

    def complete(self, key: str, outcome: Mapping[str, Any], now: float) -> None:
        """Mark ``key`` done."""
        with self._lock:
            self._items[key] = {"state": "done", "outcome": dict(outcome)}

    def release(self, key: str) -> None:
        """Drop an unfinished claim."""
        with self._lock:
            if self._items.get(key, {}).get("state") == "running":
                del self._items[key]
