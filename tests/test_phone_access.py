"""Phone mode's rules (return_to_run/phone_access.py): hosts, the key, the throttle, the door."""

from __future__ import annotations

import json
import stat
import threading
from datetime import UTC, datetime

import pytest

from return_to_run import phone_access as pa
from return_to_run.phone_access import Decision, Throttle

# --- hosts ----------------------------------------------------------------------------------


def test_default_hosts_are_localhost_only():
    assert pa.allowed_hosts() == ("localhost", "127.0.0.1")


def test_phone_mode_adds_exactly_the_address_and_the_machine_name():
    assert pa.allowed_hosts(phone_address="192.168.1.20", machine_name="Laptop") == (
        "localhost",
        "127.0.0.1",
        "192.168.1.20",
        "laptop",
    )
    assert pa.allowed_hosts(phone_address="127.0.0.1", machine_name="localhost") == ("localhost", "127.0.0.1")
    assert pa.allowed_hosts(phone_address="10.0.0.5", machine_name="") == ("localhost", "127.0.0.1", "10.0.0.5")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("localhost", "localhost"),
        ("localhost:8501", "localhost"),
        ("LOCALHOST:8501", "localhost"),
        ("127.0.0.1:1", "127.0.0.1"),
        ("127.0.0.1:65535", "127.0.0.1"),
        ("localhost.", "localhost"),
        ("[::1]:8501", "[::1]"),
        ("localhost:65536", None),
        ("localhost:0", None),
        ("localhost:", None),
        ("localhost:80x", None),
        ("user@localhost", None),
        ("localhost/evil", None),
        ("local host", None),
        ("[::1", None),
        ("", None),
        (None, None),
        ("a" * 256, None),
    ],
)
def test_host_name(header, expected):
    assert pa.host_name(header) == expected


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ("localhost:8501", True),
        ("127.0.0.1", True),
        ("evil.example", False),
        ("evil.example:8501", False),
        ("localhost.evil.example", False),
        ("127.0.0.1.nip.io", False),
        ("192.168.1.20:8501", False),  # the LAN address only in phone mode
        (None, False),
    ],
)
def test_host_allowed_by_default(header, allowed):
    assert pa.host_allowed(header, pa.allowed_hosts()) is allowed


def test_host_allowed_in_phone_mode():
    hosts = pa.allowed_hosts(phone_address="192.168.1.20", machine_name="laptop")
    assert pa.host_allowed("192.168.1.20:8501", hosts)
    assert pa.host_allowed("laptop:8501", hosts)
    assert pa.host_allowed("localhost:8501", hosts)
    assert not pa.host_allowed("192.168.1.21:8501", hosts)
    assert not pa.host_allowed("laptop.evil.example", hosts)


def test_phone_link():
    assert pa.phone_link("192.168.1.20", 8501, "abc") == "http://192.168.1.20:8501/?key=abc"
    assert pa.phone_link("fe80::1", 8501, "abc") == "http://[fe80::1]:8501/?key=abc"


@pytest.mark.parametrize(
    ("address", "ok"),
    [("192.168.1.20", True), ("127.0.0.2", True), ("0.0.0.0", False), ("::", False), ("laptop", False)],
)
def test_check_phone_address(address, ok):
    assert (pa.check_phone_address(address) is None) is ok


def test_phone_mode_comes_only_from_the_launcher_variable(tmp_path):
    assert not pa.is_phone_mode({})
    assert not pa.is_phone_mode({pa.PHONE_ENV_VAR: ""})
    assert pa.is_phone_mode({pa.PHONE_ENV_VAR: str(tmp_path / "k.json")})
    assert pa.key_file_from_env({}) is None
    assert pa.key_file_from_env({pa.PHONE_ENV_VAR: str(tmp_path / "k.json")}) == tmp_path / "k.json"
    assert pa.key_file_beside(tmp_path / "return_to_run.db") == tmp_path / "phone_key.json"


# --- the key --------------------------------------------------------------------------------


def test_a_key_has_256_random_bits_and_is_stored_only_as_a_salted_hash(tmp_path):
    path = tmp_path / "data" / "phone_key.json"
    key = pa.new_key(path, now=datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    assert len(key) == 43  # token_urlsafe(32): 32 bytes, base64 without padding
    stored = path.read_text("utf-8")
    assert key not in stored
    data = json.loads(stored)
    assert sorted(data) == ["created_at", "hash_hex", "key_id", "salt_hex"]
    assert data["created_at"] == "2026-11-25T08:00:00+00:00"
    assert len(bytes.fromhex(data["salt_hex"])) == 16
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    record = pa.load_record(path)
    assert pa.verify_key(key, record)


def test_the_file_is_0600_whatever_the_umask(tmp_path):
    import os

    old = os.umask(0)
    try:
        path = tmp_path / "phone_key.json"
        pa.new_key(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_two_keys_differ_and_the_same_key_hashes_differently_per_salt():
    key1, record1 = pa.make_key()
    key2, record2 = pa.make_key()
    assert key1 != key2
    assert record1.key_id != record2.key_id
    assert pa.hash_key("same", b"salt-one") != pa.hash_key("same", b"salt-two")


def test_verify_key_refuses_wrong_empty_and_missing():
    key, record = pa.make_key()
    assert pa.verify_key(key, record)
    assert not pa.verify_key(key[:-1], record)
    assert not pa.verify_key(key + "x", record)
    assert not pa.verify_key("", record)
    assert not pa.verify_key(None, record)
    assert not pa.verify_key(key, None)
    assert not pa.verify_key("x" * 201, record)
    broken = pa.KeyRecord(record.key_id, "not hex", record.hash_hex, record.created_at)
    assert not pa.verify_key(key, broken)


def test_a_new_key_locks_out_the_old_one(tmp_path):
    path = tmp_path / "phone_key.json"
    old = pa.new_key(path)
    new = pa.new_key(path)
    record = pa.load_record(path)
    assert not pa.verify_key(old, record)
    assert pa.verify_key(new, record)
    assert not (tmp_path / "phone_key.json.tmp").exists()


@pytest.mark.parametrize("content", ["", "{", "[]", '{"key_id": "a"}', "null"])
def test_a_damaged_or_missing_key_file_lets_nobody_in(tmp_path, content):
    path = tmp_path / "phone_key.json"
    assert pa.load_record(path) is None
    path.write_text(content)
    assert pa.load_record(path) is None


# --- throttle -------------------------------------------------------------------------------


def test_throttle_doubles_from_half_a_second_and_stops_at_eight():
    throttle = Throttle()
    delays = []
    for _ in range(7):
        delays.append(throttle.delay_s())
        throttle.record(False)
    assert delays == [0.0, 0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    throttle.failures = 10_000
    assert throttle.delay_s() == 8.0
    throttle.record(True)
    assert throttle.failures == 0
    assert throttle.delay_s() == 0.0


# --- the door -------------------------------------------------------------------------------


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_no_key_and_not_let_in_is_refused():
    _, record = pa.make_key()
    assert pa.check_request(None, None, record, Throttle(), sleep=Sleeps()) is Decision.NO_KEY
    assert pa.check_request("", None, record, Throttle(), sleep=Sleeps()) is Decision.NO_KEY


def test_the_right_key_is_accepted_and_the_session_then_needs_none():
    key, record = pa.make_key()
    sleeps = Sleeps()
    decision = pa.check_request(key, None, record, Throttle(), sleep=sleeps)
    assert decision is Decision.ACCEPT and decision.allowed
    assert sleeps == [0.0]
    assert pa.check_request(None, record.key_id, record, Throttle(), sleep=sleeps) is Decision.LET_IN


def test_wrong_keys_are_slowed_down_and_the_right_one_clears_the_count():
    key, record = pa.make_key()
    throttle = Throttle()
    sleeps = Sleeps()
    for _ in range(3):
        assert pa.check_request("guess", None, record, throttle, sleep=sleeps) is Decision.WRONG_KEY
    assert pa.check_request(key, None, record, throttle, sleep=sleeps) is Decision.ACCEPT
    assert sleeps == [0.0, 0.5, 1.0, 2.0]
    assert throttle.failures == 0


def test_after_a_new_key_the_old_link_and_old_sessions_are_refused():
    old_key, old_record = pa.make_key()
    _, new_record = pa.make_key()
    throttle = Throttle()
    assert pa.check_request(old_key, None, new_record, throttle, sleep=Sleeps()) is Decision.WRONG_KEY
    assert pa.check_request(None, old_record.key_id, new_record, throttle, sleep=Sleeps()) is Decision.NO_KEY
    # a session let in before, opened again with the old link, is refused too
    assert pa.check_request(old_key, new_record.key_id, new_record, throttle, sleep=Sleeps()) is Decision.WRONG_KEY


def test_without_a_key_file_nobody_gets_in():
    key, _ = pa.make_key()
    for decision in (
        pa.check_request(key, None, None, Throttle(), sleep=Sleeps()),
        pa.check_request(None, "anything", None, Throttle(), sleep=Sleeps()),
    ):
        assert decision is Decision.NO_KEY_SET and not decision.allowed


def test_checks_take_turns_across_sessions():
    """Two sessions guessing at once: the second waits for the first's slowdown."""
    _, record = pa.make_key()
    throttle = Throttle(failures=1)
    inside = []
    overlap = []

    def slow_sleep(seconds):
        inside.append(1)
        if len(inside) > 1:
            overlap.append(True)
        threading.Event().wait(0.05)
        inside.pop()

    threads = [
        threading.Thread(target=pa.check_request, args=("guess", None, record, throttle), kwargs={"sleep": slow_sleep})
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlap == []
    assert throttle.failures == 3


# --- the cookie and the redirect (the launcher's PhoneDoor) ----------------------------------


def test_the_cookie_is_bound_to_the_current_key():
    _, record = pa.make_key()
    _, other = pa.make_key()
    cookie = pa.cookie_value(record)
    assert len(cookie) == 64
    assert pa.cookie_ok(cookie, record)
    assert not pa.cookie_ok(cookie, other)
    assert not pa.cookie_ok(cookie[:-1], record)
    assert not pa.cookie_ok("", record)
    assert not pa.cookie_ok(None, record)
    assert not pa.cookie_ok(cookie, None)
    assert pa.check_request(None, None, record, Throttle(), cookie=cookie, sleep=Sleeps()) is Decision.LET_IN
    assert pa.check_request(None, None, other, Throttle(), cookie=cookie, sleep=Sleeps()) is Decision.NO_KEY


def test_set_cookie_header():
    _, record = pa.make_key()
    value = pa.cookie_value(record)
    assert pa.set_cookie_header(record) == f"rtr_phone={value}; Max-Age=34560000; Path=/; HttpOnly; SameSite=Strict"
    assert pa.set_cookie_header(record, https=True).endswith("; SameSite=Strict; Secure")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("key=abc", ("abc", "")),
        ("key=abc&x=1", ("abc", "x=1")),
        ("x=1&key=a%2Bb", ("a+b", "x=1")),
        ("key=a&key=b", ("a", "")),
        ("x=1", (None, "x=1")),
        ("", (None, "")),
        ("key=", ("", "")),
    ],
)
def test_without_key(query, expected):
    assert pa.without_key(query) == expected


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/", "", "/"),
        ("/trends", "x=1", "/trends?x=1"),
        ("//evil.example", "", "/evil.example"),
        ("/\\evil.example", "", "/evil.example"),
        ("/a b", "", "/a%20b"),
    ],
)
def test_redirect_target_stays_on_this_server(path, query, expected):
    assert pa.redirect_target(path, query) == expected
