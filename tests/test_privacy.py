"""Privacy, checked statically: the Streamlit config keeps her data on this machine, and the
code base holds no network client, no secret and no remotely fetched icon.

The live half (every request a browser session makes, the listening socket, a foreign
Host header, HTML shown as text) is tests/browser/test_privacy_browser.py.
"""

from __future__ import annotations

import ast
import re
import subprocess
import tomllib

import pytest

from return_to_run import ui

from .conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))


def _tracked(*suffixes: str) -> list:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if name.endswith(suffixes) and (ROOT / name).is_file()]


# The app itself: what runs when she starts it (tests/ and bench/ are developer tools that
# talk to a local server they started; tasks.py only runs pip and pytest as subprocesses).
APP_FILES = [p for p in _tracked(".py") if p.relative_to(ROOT).parts[0] not in ("tests", "bench")]


@pytest.mark.parametrize(
    ("section", "key", "expected"),
    [
        ("browser", "gatherUsageStats", False),  # the default (true) calls out to a metrics host
        ("browser", "serverAddress", "localhost"),
        ("server", "address", "localhost"),  # unset listens on every interface
        ("server", "allowedHosts", ["localhost", "127.0.0.1"]),  # DNS rebinding
        ("server", "headless", True),
        ("server", "showEmailPrompt", False),
        ("server", "enableXsrfProtection", True),
        ("server", "enableCORS", True),
        ("client", "toolbarMode", "minimal"),
        ("client", "showSidebarNavigation", False),
        ("runner", "magicEnabled", False),
    ],
)
def test_config_value(section, key, expected):
    assert CONFIG[section][key] == expected


def test_the_launcher_guards_the_same_hosts_as_the_config():
    """serve.py refuses every other Host on every route (tests/test_serve.py runs it live)."""
    from return_to_run import phone_access

    assert list(phone_access.allowed_hosts()) == CONFIG["server"]["allowedHosts"]


def test_errors_never_show_details_or_a_traceback():
    assert CONFIG["client"]["showErrorDetails"] in ("none", "type")


def test_streamlit_reads_the_same_values():
    from streamlit import config

    config.get_config_options(force_reparse=True, options_from_flags={})
    try:
        assert config.get_option("browser.gatherUsageStats") is False
        assert config.get_option("server.address") == "localhost"
        assert list(config.get_option("server.allowedHosts")) == ["localhost", "127.0.0.1"]
        assert config.get_option("client.showErrorDetails") in ("none", "type")
    finally:
        config.get_config_options(force_reparse=True)


def test_no_material_icons_anywhere_in_the_app():
    """A :material/...: page_icon makes the browser fetch the icon from a font host. Only
    strings count: a comment may name the shortcode (the Markdown escaping explains it)."""
    offenders = [
        str(p.relative_to(ROOT))
        for p in APP_FILES
        for node in ast.walk(ast.parse(p.read_text("utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ":material/" in node.value
    ]
    assert offenders == []
    assert all(":material/" not in icon for _, _, icon in ui.MENU)


def _page_icons() -> list[tuple[str, str]]:
    """(file, icon) for every set_page_config(page_icon=...) and ui.page(title, icon) call."""
    found = []
    for path in APP_FILES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            args = [*(kw.value for kw in node.keywords if kw.arg in ("page_icon", "icon"))]
            if name == "page" and len(node.args) > 1:
                args.append(node.args[1])
            if name in ("set_page_config", "page", "page_link"):
                found += [(path.name, a.value) for a in args if isinstance(a, ast.Constant)]
    return found


def test_page_icons_are_emoji():
    icons = _page_icons()
    assert len(icons) >= 10
    assert [(f, i) for f, i in icons if i.startswith(":") or "/" in i or "http" in i] == []


NETWORK_MODULES = {
    "requests",
    "httpx",
    "aiohttp",
    "urllib3",
    "http.client",
    "urllib.request",
    "socket",
    "ftplib",
    "smtplib",
    "telnetlib",
    "websocket",
    "websockets",
    "paramiko",
    "boto3",
    "grpc",
    "xmlrpc.client",
    "webbrowser",
}


# The allowed uses, each with its reason: the launcher opens her browser at the app's own
# address once the server is up (`tasks.py start`; --no-browser turns it off), and sets
# TCP_NODELAY on the server's own listening socket (serve.install_nodelay; it opens none).
ALLOWED_NETWORK_IMPORTS = {"return_to_run/serve.py": ["socket", "webbrowser"]}


def _imports(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_no_network_client_in_the_app():
    assert len(APP_FILES) >= 20
    found = {
        str(p.relative_to(ROOT)): sorted(
            n for n in _imports(p) if n in NETWORK_MODULES or n.split(".")[0] in NETWORK_MODULES
        )
        for p in APP_FILES
    }
    assert {k: v for k, v in found.items() if v} == ALLOWED_NETWORK_IMPORTS


def test_no_urls_the_app_could_call_out_to():
    """URLs in code may only be localhost (links in lessons and sources are text she reads).
    A host that is a template (`http://{address}:{port}`, the phone link the launcher prints
    for the address it serves on) is not one the app calls."""
    url = re.compile(r"https?://([^/\s\"')]+)")
    hosts = {(str(p.relative_to(ROOT)), h) for p in APP_FILES for h in url.findall(p.read_text("utf-8"))}
    assert {(f, h) for f, h in hosts if not h.startswith(("localhost", "127.0.0.1", "{"))} == set()


SECRET_PATTERNS = {
    "assigned secret": re.compile(
        r"(?i)\b(api[_-]?key|secret|token|passw(or)?d|client[_-]?secret)\b\s*[:=]\s*"
        r"[\"'][^\"'\s]{8,}[\"']"
    ),
    "AWS key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),
    "OpenAI-style key": re.compile(r"\bsk-[A-Za-z0-9_-]{20,}"),
    "Slack token": re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"AIza[0-9A-Za-z_-]{35}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "Strava/Garmin OAuth": re.compile(r"(?i)(oauth|bearer)\s+[A-Za-z0-9._-]{20,}"),
}


def test_no_secrets_or_tokens_in_the_repository():
    files = _tracked(".py", ".toml", ".md", ".txt", ".cfg", ".json", ".yml", ".yaml", ".env", ".ini")
    assert len(files) >= 30
    hits = [
        (str(p.relative_to(ROOT)), kind)
        for p in files
        for kind, pattern in SECRET_PATTERNS.items()
        if pattern.search(p.read_text("utf-8", errors="replace"))
    ]
    assert hits == []
    assert not [p for p in _tracked(".env", ".pem", ".key", "secrets.toml")]
