"""An in-memory scan index with the same behaviour as the Firestore one (local runs, tests)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from typing import Any


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
