"""Start the app's server: `python -m return_to_run.serve [streamlit run options]`.

Why not plain `streamlit run app.py` (which also works): when any web page in her browser
opens a WebSocket to the app from a foreign origin, Streamlit checks that origin against
the machine's public IP, which it looks up at checkip.amazonaws.com (net_util.
get_external_ip) before refusing the connection. A health-data app makes no call out, so
the launcher seeds Streamlit's cached answer with the loopback address before the server
starts: the lookup never happens, and loopback origins are allowed anyway. Pinned by
tests/browser/test_privacy_browser.py::test_a_foreign_origin_never_makes_the_server_call_out.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> None:
    import streamlit.net_util as net_util
    from streamlit.web import cli

    net_util._external_ip = "127.0.0.1"  # see the module docstring
    sys.argv = ["streamlit", "run", str(APP), *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
