"""Phone mode: who may reach the app, and with which key. Pure logic, no Streamlit.

Off by default. `tasks.py start --phone` serves the app on her home network; a phone gets in
with a link that carries a long random key. Here live the rules the launcher and the page
gate share:

- the key: 256 random bits, shown once as a link and a QR code, stored only as a salted hash
  in `phone_key.json` beside her database (0600); a new key replaces the old one, which then
  lets nobody in (open sessions let in with the old key are sent back to the door too);
- the check: constant-time comparison, wrong keys slowed down (exponential, capped);
- the hosts: which `Host` header values the server answers (localhost always; in phone mode
  also exactly the address it serves on and the machine's name).
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode

# Set by the launcher, in phone mode only, to the key file's path; the page gate reads it.
PHONE_ENV_VAR = "RETURN_TO_RUN_PHONE"
KEY_FILE_NAME = "phone_key.json"
QR_FILE_NAME = "phone_link.svg"
QUERY_PARAM = "key"
LOCAL_HOSTS = ("localhost", "127.0.0.1")
KEY_BYTES = 32  # 256 bits: far past guessing, even without the slowdown below
# After the link's key is accepted, the phone keeps this cookie instead of the key in the URL,
# so a reload (or a tab the phone's browser discarded) still gets in. HttpOnly: page scripts
# cannot read it; bound to the key, so a new key voids it.
COOKIE_NAME = "rtr_phone"
COOKIE_MAX_AGE_S = 400 * 24 * 3600  # the longest a browser keeps a cookie (Chrome's cap)

# Wrong keys: the first waits BASE, each next one twice as long, never more than CAP.
THROTTLE_BASE_S = 0.5
THROTTLE_CAP_S = 8.0


# --- hosts ----------------------------------------------------------------------------------


def allowed_hosts(*, phone_address: str | None = None, machine_name: str | None = None) -> tuple[str, ...]:
    """Host names the server answers: localhost and 127.0.0.1, plus in phone mode exactly the
    address it serves on and the machine's name (lower case, no duplicates, in that order)."""
    hosts = list(LOCAL_HOSTS)
    for extra in (phone_address, machine_name):
        name = (extra or "").strip().lower().rstrip(".")
        if name and name not in hosts:
            hosts.append(name)
    return tuple(hosts)


def host_name(host_header: str | None) -> str | None:
    """The host name of a `Host` header value (lower case, port dropped), or None when the
    value is missing or malformed (an empty name, a non-numeric or out-of-range port, spaces,
    user info or a path)."""
    if not host_header or len(host_header) > 255:
        return None
    value = host_header.strip().lower()
    if not value or any(c in value for c in " \t/\\@?#"):
        return None
    if value.startswith("["):  # IPv6 literal: [::1] or [::1]:8501
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[: end + 1], value[end + 1 :]
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest:
        port = rest[1:]
        if not rest.startswith(":") or not port.isdigit() or not 0 < int(port) < 65536:
            return None
    name = name.rstrip(".")
    return name or None


def host_allowed(host_header: str | None, hosts: Iterable[str]) -> bool:
    """True when the `Host` header names one of `hosts` exactly (with or without a port)."""
    name = host_name(host_header)
    return name is not None and name in {h.lower() for h in hosts}


def phone_link(address: str, port: int, key: str, *, https: bool = False) -> str:
    """The link a phone opens: the server's address and port with the key as a query value
    (https when she gave the server a certificate)."""
    host = f"[{address}]" if ipaddress.ip_address(address).version == 6 else address
    return f"{'https' if https else 'http'}://{host}:{port}/?{QUERY_PARAM}={key}"


def check_phone_address(address: str) -> str | None:
    """Why `address` cannot be served on in phone mode, or None when it can.

    A wildcard (0.0.0.0, ::) would listen on every network the machine is on (a VPN, a
    hotspot), so phone mode binds one address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return f"{address!r} is not an IP address (for example 192.168.1.20)."
    if ip.is_unspecified:
        return f"{address} would listen on every network; give this computer's address on your Wi-Fi."
    if ip.is_multicast:
        return f"{address} is a multicast address, not this computer's."
    return None


# --- mode -----------------------------------------------------------------------------------


def is_phone_mode(environ: Mapping[str, str]) -> bool:
    """True when the launcher started the app in phone mode."""
    return bool(environ.get(PHONE_ENV_VAR))


def key_file_from_env(environ: Mapping[str, str]) -> Path | None:
    """The key file's path in phone mode, None otherwise."""
    value = environ.get(PHONE_ENV_VAR)
    return Path(value) if value else None


def key_file_beside(db_file: Path) -> Path:
    """Where the key's hash is kept: beside her database, in the same private folder."""
    return db_file.parent / KEY_FILE_NAME


# --- the key --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyRecord:
    """What is stored about the key: a salted hash, never the key itself.

    `key_id` is random and not secret: a session let in remembers it, so a new key (with a
    new id) sends every session let in with the old one back to the door."""

    key_id: str
    salt_hex: str
    hash_hex: str
    created_at: str


def hash_key(key: str, salt: bytes) -> str:
    """Hex SHA-256 of salt + key. A 256-bit random key cannot be guessed from its hash, so a
    slow hash (scrypt) would add nothing but a wait on every phone that opens the link."""
    return hashlib.sha256(salt + key.encode("utf-8")).hexdigest()


def make_key(*, now: datetime | None = None) -> tuple[str, KeyRecord]:
    """A new key (URL-safe text, 43 characters for 256 bits) and the record to store for it."""
    key = secrets.token_urlsafe(KEY_BYTES)
    salt = secrets.token_bytes(16)
    created = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    return key, KeyRecord(secrets.token_hex(8), salt.hex(), hash_key(key, salt), created)


def verify_key(key: str | None, record: KeyRecord | None) -> bool:
    """True when `key` is the one `record` was made for (compared in constant time)."""
    if not key or record is None or len(key) > 200:
        return False
    try:
        salt = bytes.fromhex(record.salt_hex)
    except ValueError:
        return False
    return hmac.compare_digest(hash_key(key, salt), record.hash_hex)


def cookie_value(record: KeyRecord) -> str:
    """The cookie a phone let in keeps: derived from the stored hash (which never leaves this
    machine), so it cannot be made without the key file and changes with every new key."""
    message = b"return-to-run phone cookie " + record.key_id.encode("ascii", "replace")
    return hmac.new(record.hash_hex.encode("ascii", "replace"), message, hashlib.sha256).hexdigest()


def cookie_ok(cookie: str | None, record: KeyRecord | None) -> bool:
    """True when `cookie` was given out for the current key (compared in constant time)."""
    if not isinstance(cookie, str) or not cookie or record is None or len(cookie) > 200:
        return False
    return hmac.compare_digest(cookie.encode("utf-8", "replace"), cookie_value(record).encode("ascii"))


def set_cookie_header(record: KeyRecord, *, https: bool = False) -> str:
    """The Set-Cookie value given to a phone whose link had the right key."""
    secure = "; Secure" if https else ""
    return (
        f"{COOKIE_NAME}={cookie_value(record)}; Max-Age={COOKIE_MAX_AGE_S}; Path=/; HttpOnly; SameSite=Strict{secure}"
    )


def without_key(query_string: str) -> tuple[str | None, str]:
    """(the key's value or None, the query string without it) for a raw query string."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    keys = [value for name, value in pairs if name == QUERY_PARAM]
    rest = urlencode([(name, value) for name, value in pairs if name != QUERY_PARAM])
    return (keys[0] if keys else None), rest


def redirect_target(path: str, query_string: str) -> str:
    """Where to send a phone after its key was checked: the same page on this server, never
    another site (a path like `//evil.example` or `/\\evil.example` stays a path here)."""
    target = "/" + quote(path.lstrip("/\\"), safe="/")
    return f"{target}?{query_string}" if query_string else target


def save_record(path: Path, record: KeyRecord) -> None:
    """Write the record readable by her alone (file 0600, a new folder 0700), atomically:
    a crash leaves the old key or the new one, never half a file."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(record), out)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(tmp, 0o600)  # whatever the umask
    os.replace(tmp, path)


def load_record(path: Path) -> KeyRecord | None:
    """The stored record, or None when there is none or it is damaged (then nobody gets in
    until a new key is made, which is the safe way to fail)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        record = KeyRecord(**{k: str(data[k]) for k in ("key_id", "salt_hex", "hash_hex", "created_at")})
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return record


def new_key(path: Path, *, now: datetime | None = None) -> str:
    """Make a new key, store its hash at `path` and return the key (to show once).

    Every phone or open session that used the old key is locked out from then on."""
    key, record = make_key(now=now)
    save_record(path, record)
    return key


# --- the door -------------------------------------------------------------------------------


@dataclass
class Throttle:
    """Wrong keys in this process, and how long the next check must wait for them.

    One per server process, shared by every session; checks take turns (see check_request),
    so opening many tabs does not multiply the guesses."""

    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def delay_s(self) -> float:
        """Seconds to wait before the next key check: 0 with no failure, then 0.5, 1, 2, 4, 8, 8..."""
        if self.failures <= 0:
            return 0.0
        return min(THROTTLE_BASE_S * 2 ** min(self.failures - 1, 16), THROTTLE_CAP_S)

    def record(self, ok: bool) -> None:
        """Count a wrong key; the right key clears the count."""
        self.failures = 0 if ok else self.failures + 1


class Decision(enum.Enum):
    LET_IN = "let in"  # this session or this phone (its cookie) came in earlier with the current key
    ACCEPT = "accept"  # the key in the link is right: let this session in from now on
    NO_KEY = "no key"  # no key in the link and not let in yet: show how to get in
    WRONG_KEY = "wrong key"  # a key that is not (or no longer) the current one
    NO_KEY_SET = "no key set"  # phone mode without a (readable) key file: nobody gets in

    @property
    def allowed(self) -> bool:
        return self in (Decision.LET_IN, Decision.ACCEPT)


def check_request(
    query_key: str | None,
    session_key_id: str | None,
    record: KeyRecord | None,
    throttle: Throttle,
    *,
    cookie: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Decision:
    """Whether a page run in phone mode may go on.

    `query_key` is the `key` value in the link (None when absent), `session_key_id` what this
    session remembered when it was let in, `cookie` the phone's COOKIE_NAME cookie. A key in
    the link is always checked (after the throttle's wait), so an old link is refused even in
    a session let in before."""
    if record is None:
        return Decision.NO_KEY_SET
    if not query_key:
        if session_key_id == record.key_id or cookie_ok(cookie, record):
            return Decision.LET_IN
        return Decision.NO_KEY
    with throttle.lock:  # one check at a time: the wait applies to every session at once
        sleep(throttle.delay_s())
        ok = verify_key(query_key, record)
        throttle.record(ok)
    return Decision.ACCEPT if ok else Decision.WRONG_KEY
