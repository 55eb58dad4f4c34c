from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from ichseg.adapters.sqlite_index import SqliteIndex


@pytest.fixture
def index(tmp_path: Path) -> SqliteIndex:
    return SqliteIndex(tmp_path / "db" / "index.sqlite3")


def test_uses_wal_journal(index: SqliteIndex) -> None:
    mode = index._conn().execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_emails_are_unique_case_insensitively(index: SqliteIndex) -> None:
    user = index.create_user("Ann@Example.org", "h1")
    assert user is not None
    assert index.create_user("ann@example.ORG", "h2") is None
    found = index.user_by_email("ANN@example.org")
    assert found is not None and found.id == user.id and found.password_hash == "h1"


def test_session_lookup_expiry_and_deletion(index: SqliteIndex) -> None:
    user = index.create_user("a@b.co", "h")
    assert user is not None
    index.create_session("live", user.id, "csrf1", ttl_s=60)
    index.create_session("dead", user.id, "csrf2", ttl_s=-1)
    found = index.session_user("live")
    assert found is not None and found[0].email == "a@b.co" and found[1] == "csrf1"
    assert index.session_user("dead") is None
    assert index.session_user("unknown") is None
    index.delete_user_sessions(user.id)
    assert index.session_user("live") is None


def test_expired_sessions_and_reset_tokens_are_purged(index: SqliteIndex) -> None:
    user = index.create_user("a@b.co", "h")
    assert user is not None
    index.create_session("old", user.id, "c", ttl_s=-10)
    index.create_reset("old", user.id, ttl_s=-10)
    index.create_session("new", user.id, "c", ttl_s=60)
    index.create_reset("new", user.id, ttl_s=60)
    conn = index._conn()
    assert [r[0] for r in conn.execute("SELECT token_hash FROM sessions")] == ["new"]
    assert [r[0] for r in conn.execute("SELECT token_hash FROM reset_tokens")] == ["new"]


def test_reset_token_is_used_once_and_expires(index: SqliteIndex) -> None:
    user = index.create_user("a@b.co", "h")
    assert user is not None
    index.create_reset("tok", user.id, ttl_s=60)
    index.create_reset("old", user.id, ttl_s=-1)
    assert index.consume_reset("tok") == user.id
    assert index.consume_reset("tok") is None
    assert index.consume_reset("old") is None
    assert index.consume_reset("never") is None


def _user_and_jobs(index: SqliteIndex, n: int) -> int:
    user = index.create_user("a@b.co", "h")
    assert user is not None
    for i in range(n):
        index.create_job(f"{i:032x}", user.id, f"scan{i}.zip", 10, f"uploads/{i}/input.zip")
    return user.id


def test_jobs_are_claimed_oldest_first(index: SqliteIndex) -> None:
    _user_and_jobs(index, 3)
    claimed = [index.claim_job("w", 60) for _ in range(4)]
    assert [j.id if j else None for j in claimed] == [f"{i:032x}" for i in range(3)] + [None]
    assert all(j.status == "processing" and j.attempts == 1 for j in claimed if j)


def test_each_job_is_claimed_once_across_threads(index: SqliteIndex) -> None:
    _user_and_jobs(index, 40)
    got: list[str] = []
    lock = threading.Lock()

    def claim_all(worker: str) -> None:
        while (job := index.claim_job(worker, 60)) is not None:
            with lock:
                got.append(job.id)

    threads = [threading.Thread(target=claim_all, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == [f"{i:032x}" for i in range(40)]


def test_only_the_lease_holder_finishes_a_job(index: SqliteIndex) -> None:
    _user_and_jobs(index, 1)
    job = index.claim_job("w1", 60)
    assert job is not None
    assert not index.finish_job(job.id, "w2", "done")
    assert not index.heartbeat(job.id, "w2", 60)
    assert index.heartbeat(job.id, "w1", 60, "segment", 3, 10)
    assert index.finish_job(job.id, "w1", "done", summary={"haemorrhage": True})
    assert not index.finish_job(job.id, "w1", "failed", message="again")
    final = index.get_job(job.id)
    assert final is not None
    assert final.status == "done" and final.summary == {"haemorrhage": True}
    assert final.progress_done == 3 and final.progress_total == 10


def test_expired_leases_are_requeued_then_failed_after_max_attempts(index: SqliteIndex) -> None:
    _user_and_jobs(index, 1)
    for attempt in (1, 2):
        job = index.claim_job("dead", lease_s=-1)
        assert job is not None and job.attempts == attempt
        assert index.requeue_expired(max_attempts=3) == (1, 0)
    job = index.claim_job("dead", lease_s=-1)
    assert job is not None and job.attempts == 3
    assert index.requeue_expired(max_attempts=3) == (0, 1)
    final = index.get_job(job.id)
    assert final is not None and final.status == "failed"
    assert final.message is not None and "stopped 3 times" in final.message


def test_live_leases_are_not_requeued(index: SqliteIndex) -> None:
    _user_and_jobs(index, 1)
    assert index.claim_job("alive", lease_s=60) is not None
    assert index.requeue_expired(max_attempts=3, now=time.time()) == (0, 0)


def test_get_job_with_user_hides_other_users_jobs(index: SqliteIndex) -> None:
    owner = _user_and_jobs(index, 1)
    other = index.create_user("other@b.co", "h")
    assert other is not None
    job_id = f"{0:032x}"
    assert index.get_job(job_id, owner) is not None
    assert index.get_job(job_id, other.id) is None
    assert index.list_jobs(other.id) == []


def test_each_thread_gets_its_own_connection(index: SqliteIndex) -> None:
    conns: list[object] = []

    def grab() -> None:
        conns.append(index._conn())
        index.close()

    t = threading.Thread(target=grab)
    t.start()
    t.join()
    assert conns[0] is not index._conn()
