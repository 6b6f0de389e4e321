"""Start the app's server: `python -m return_to_run.serve [options] [streamlit run options]`.

Options (`tasks.py start` passes them on):
  --browser          open her default browser once the server answers
  --port N           serve on port N (default: .streamlit/config.toml, 8501)
  --phone            phone mode: serve on this computer's Wi-Fi address, behind a key
  --address A        phone mode on address A instead of the detected one (tests use 127.0.0.2)
  --new-key          phone mode with a new key (phones with the old link are locked out)

Why a launcher rather than plain `streamlit run app.py` (which also works, without these guards):

- Host refusal on every route. Streamlit checks `server.allowedHosts` on the WebSocket only;
  its plain HTTP routes (`/_stcore/metrics`, `/media/...`, `/`, static files, health) answer
  any Host, so a page on another site that points its own name at 127.0.0.1 (DNS rebinding)
  could learn the app is in use or fetch a made PDF. The launcher wraps Streamlit's ASGI app
  (built by `starlette_server.create_starlette_app` in 1.67) in `HostGuard`, which answers 403
  with an empty body to any other Host before Streamlit sees the request.
- No call out: when any web page opens a WebSocket to the app from a foreign origin, Streamlit
  checks that origin against the machine's public IP, which it looks up at
  checkip.amazonaws.com (net_util.get_external_ip). The launcher seeds Streamlit's cached
  answer with the loopback address, so the lookup never happens. Pinned by
  tests/browser/test_privacy_browser.py::test_a_foreign_origin_never_makes_the_server_call_out.
- Phone mode's door (`PhoneDoor`): the key in the phone's link is checked before any page
  runs and swapped for a cookie, so it does not stay in the address bar.
- It prints the real address once the server is up (the port may differ from the asked one)
  and, in phone mode, the phone's link and its QR code.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import platform
import socket
import sys
import webbrowser
from collections.abc import Callable, Iterable
from pathlib import Path

from return_to_run import phone_access

APP = Path(__file__).resolve().parent.parent / "app.py"

# Arrow (Streamlit sends tables and chart rows through it) keeps freed memory in its own
# allocator's pools; the system allocator hands it back: about 8 MB less peak memory with
# ten years of logs (measured with bench/bench_startup.py). Read when pyarrow makes its first
# pool, so set before Streamlit imports it; her own setting wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


class HostGuard:
    """ASGI wrapper: requests (HTTP and WebSocket) whose Host header is not one of `hosts` get
    403 and an empty body; all others go on to `app` untouched."""

    def __init__(self, app, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = tuple(hosts)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] in ("http", "websocket") and not self._allowed(scope):
            if scope["type"] == "http":
                await send(
                    {
                        "type": "http.response.start",
                        "status": 403,
                        "headers": [(b"content-length", b"0"), (b"content-type", b"text/plain")],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
            else:  # closing before accepting makes the server answer the handshake with 403
                await send({"type": "websocket.close", "code": 1008})
            return
        await self.app(scope, receive, send)

    def _allowed(self, scope) -> bool:
        hosts = [value for name, value in scope.get("headers", []) if name.lower() == b"host"]
        if len(hosts) != 1:  # none, or two that could be read differently by two layers
            return False
        return phone_access.host_allowed(hosts[0].decode("latin-1"), self.hosts)


class PhoneDoor:
    """ASGI wrapper for phone mode: a page request whose link carries `?key=...` is checked
    here, before any page runs. The right key gets the phone's cookie and a redirect to the
    same address without the key (so the key stays out of the address bar, history and a home
    screen bookmark); a wrong one only the redirect, after the throttle's wait. The page gate
    (ui/access.py) then lets in a session whose cookie matches the current key."""

    def __init__(self, app, key_file: Path, *, https: bool = False) -> None:
        self.app = app
        self.key_file = key_file
        self.https = https
        self.throttle = phone_access.Throttle()
        self.turn = None  # asyncio.Lock, made inside the server's event loop

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        key, rest = phone_access.without_key(scope.get("query_string", b"").decode("latin-1"))
        if key is None:
            await self.app(scope, receive, send)
            return
        record = phone_access.load_record(self.key_file)
        ok = await self._check(key, record)
        headers = [
            (b"location", phone_access.redirect_target(scope.get("path", "/"), rest).encode("ascii")),
            (b"content-length", b"0"),
            (b"cache-control", b"no-store"),
            (b"referrer-policy", b"no-referrer"),
        ]
        if ok and record is not None:
            headers.append((b"set-cookie", phone_access.set_cookie_header(record, https=self.https).encode("ascii")))
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def _check(self, key: str, record: phone_access.KeyRecord | None) -> bool:
        """The key checked after the throttle's wait, one check at a time (never blocking the
        server: other requests go on while a wrong guess waits)."""
        if self.turn is None:
            self.turn = asyncio.Lock()
        async with self.turn:
            await asyncio.sleep(self.throttle.delay_s())
            ok = phone_access.verify_key(key, record)
            self.throttle.record(ok)
        return ok


def install_nodelay() -> None:
    """Make the server's connections send each write at once (TCP_NODELAY).

    Streamlit 1.67 binds its listening socket itself as `socket.socket(family)`, whose proto
    is 0, so asyncio (which sets TCP_NODELAY only on IPPROTO_TCP sockets) leaves Nagle's
    algorithm on for every connection. Each response is written as two sends (headers, then
    body): the body then waits for the browser's delayed ACK, about 40 ms on Linux, on every
    request after a connection's first few. A page asks for 100-140 script files through 6
    connections: ~1 s of waiting on a warm server (measured with curl and Chromium). Linux
    passes TCP_NODELAY on from the listening socket to the connections it accepts."""
    try:
        from streamlit.web.server.starlette import starlette_server

        bind = starlette_server._bind_socket
    except (ImportError, AttributeError):  # another Streamlit: slower, not broken (test_serve says so)
        return
    if getattr(bind, "nodelay", False):
        return

    def bind_nodelay(address: str, port: int, backlog: int) -> socket.socket:
        sock = bind(address, port, backlog)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    bind_nodelay.nodelay = True
    starlette_server._bind_socket = bind_nodelay


def install_host_guard(hosts: Iterable[str], *, phone_key_file: Path | None = None) -> None:
    """Make Streamlit's server wrap its ASGI app in HostGuard(hosts) (and, in phone mode,
    PhoneDoor inside it: a foreign Host never reaches the key check)."""
    from streamlit import config
    from streamlit.web.server.starlette import starlette_server

    build = starlette_server.create_starlette_app
    if getattr(build, "host_guarded", False):
        return
    allowed = tuple(hosts)

    def guarded(runtime):
        app = build(runtime)
        if phone_key_file is not None:
            app = PhoneDoor(app, phone_key_file, https=bool(config.get_option("server.sslCertFile")))
        return HostGuard(app, allowed)

    guarded.host_guarded = True
    starlette_server.create_starlette_app = guarded


def on_server_ready(callback: Callable[[int], None]) -> None:
    """Call `callback(port)` once the server listens (with the port it really got)."""
    from streamlit import config
    from streamlit.web import bootstrap

    started = bootstrap._on_server_start

    def on_start(server) -> None:
        started(server)
        callback(int(config.get_option("server.port")))

    bootstrap._on_server_start = on_start


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest (passed on to `streamlit run`)."""
    parser = argparse.ArgumentParser(prog="python -m return_to_run.serve", add_help=True)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--port", type=int)
    parser.add_argument("--phone", action="store_true")
    parser.add_argument("--address")
    parser.add_argument("--new-key", action="store_true")
    args, rest = parser.parse_known_args(argv)
    if (args.address or args.new_key) and not args.phone:
        parser.error("--address and --new-key go with --phone")
    if args.port is not None and not 0 < args.port < 65536:
        parser.error("--port takes a number from 1 to 65535")
    return args, rest


def lan_address() -> str | None:
    """This computer's address on its network (Streamlit's detection: a UDP socket 'connected'
    to a public address picks the outgoing interface and sends no packet), or None offline."""
    from streamlit import net_util

    address = net_util.get_internal_ip()
    return None if not address or address.startswith("127.") else address


def key_file() -> Path:
    """The phone key's file: beside her database (RETURN_TO_RUN_DB or data/)."""
    from return_to_run.storage import db_path

    return phone_access.key_file_beside(db_path())


def prepare_phone(args: argparse.Namespace) -> tuple[str, tuple[str, ...], Path, str | None]:
    """(address, allowed hosts, key file, new key or None) for phone mode; exits with a
    message when there is no address to serve on."""
    address = args.address or lan_address()
    if address is None:
        sys.exit("Phone mode: this computer is not on a network. Join your home Wi-Fi and start again.")
    problem = phone_access.check_phone_address(address)
    if problem:
        sys.exit(f"Phone mode: {problem}")
    hosts = phone_access.allowed_hosts(phone_address=address, machine_name=platform.node())
    path = key_file()
    key = None
    if args.new_key or phone_access.load_record(path) is None:
        key = phone_access.new_key(path)
    return address, hosts, path, key


def save_qr(link: str, path: Path) -> str:
    """Save the link's QR code as SVG at `path` (0600: it holds the key) and return the same
    code drawn for a terminal. Made here by segno; nothing leaves the machine."""
    import segno

    code = segno.make(link, error="m")
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        code.save(out, kind="svg", scale=8, border=4)
    os.chmod(path, 0o600)
    drawn = io.StringIO()
    code.terminal(out=drawn, compact=True, border=2)
    return drawn.getvalue()


def announce(port: int, *, phone: tuple[str, Path, str | None] | None, open_browser: bool, https: bool = False) -> None:
    """Print where the app is (and, in phone mode, the phone's way in); open the browser."""
    scheme = "https" if https else "http"
    if phone is None:
        url = f"{scheme}://localhost:{port}"
        print(f"\n  Return to Run is running at {url}\n  Press Ctrl+C to stop.\n", flush=True)
    else:
        address, path, key = phone
        url = f"{scheme}://{address}:{port}"
        qr_path = path.with_name(phone_access.QR_FILE_NAME)
        print(f"\n  Return to Run is running in PHONE MODE at {url}", flush=True)
        print("  Anyone on this Wi-Fi who has the link below can see your data. Ctrl+C stops it.\n")
        if key is not None:
            link = phone_access.phone_link(address, port, key, https=https)
            print(save_qr(link, qr_path))
            print(f"  Scan the code with your phone's camera, or open: {link}")
            print(f"  (The code is also saved, for you only, in {qr_path}.)\n", flush=True)
            url = link
        else:
            print("  Phones you let in before keep working with their link.")
            if qr_path.exists():
                print(f"  To let in a phone, scan the code saved in {qr_path}")
            print("  or start with --new-key for a new link (phones with the old one are locked out).\n", flush=True)
    if open_browser:
        webbrowser.open(url)


def main(argv: list[str]) -> None:
    import streamlit.net_util as net_util
    from streamlit.web import cli

    args, rest = parse_args(argv)
    net_util._external_ip = "127.0.0.1"  # see the module docstring
    flags = ["--logger.hideWelcomeMessage", "true"]  # `announce` prints the real address
    if args.port is not None:
        flags += ["--server.port", str(args.port)]
    phone = None
    if args.phone:
        address, hosts, path, key = prepare_phone(args)
        os.environ[phone_access.PHONE_ENV_VAR] = str(path)
        flags += ["--server.address", address, "--browser.serverAddress", address]
        phone = (address, path, key)
    else:
        os.environ.pop(phone_access.PHONE_ENV_VAR, None)  # never inherited: phone mode is asked for
        hosts = phone_access.allowed_hosts()
    for host in hosts:  # Streamlit's own WebSocket check uses the same list
        flags += ["--server.allowedHosts", host]
    install_host_guard(hosts, phone_key_file=phone[1] if phone else None)
    install_nodelay()

    def ready(port: int) -> None:
        from streamlit import config

        https = bool(config.get_option("server.sslCertFile"))
        announce(port, phone=phone, open_browser=args.browser, https=https)

    on_server_ready(ready)
    sys.argv = ["streamlit", "run", str(APP), *flags, *rest]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
