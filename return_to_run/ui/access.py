"""Phone mode's page gate: in phone mode, a session that did not come in with the current key
sees only how to get in, and the page stops before her database is opened.

The rules are in return_to_run/phone_access.py (tested without Streamlit). The launcher's
PhoneDoor already swapped a right key in the link for a cookie; this gate also accepts the
key in the link itself (a server started without the door, and AppTest), and then takes the
key out of the address.
"""

from __future__ import annotations

import os

import streamlit as st

from return_to_run import phone_access

SESSION_KEY = "phone_access_key_id"  # the key_id this session was let in with
# One per server process, shared by every session (the module is imported once per process).
THROTTLE = phone_access.Throttle()

HOW_TO_GET_IN = (
    "This app is open to phones on your home Wi-Fi, but only with its link.\n\n"
    "**To get in:** on the computer running Return to Run, scan the QR code it shows with your "
    "phone's camera, or open the link printed next to it. If the link no longer works, a new "
    "one was made: start the app with `python3 tasks.py start --phone --new-key` and scan the "
    "new code."
)


def gate() -> None:
    """Return when this session may see the app; otherwise show how to get in and stop.

    Outside phone mode (the default, localhost only) it returns at once."""
    key_file = phone_access.key_file_from_env(os.environ)
    if key_file is None:
        return
    record = phone_access.load_record(key_file)
    query_key = st.query_params.get(phone_access.QUERY_PARAM)
    decision = phone_access.check_request(
        query_key,
        st.session_state.get(SESSION_KEY),
        record,
        THROTTLE,
        cookie=st.context.cookies.get(phone_access.COOKIE_NAME),
    )
    if query_key is not None:  # never left in the address bar, right or wrong
        del st.query_params[phone_access.QUERY_PARAM]
    if decision.allowed and record is not None:
        st.session_state[SESSION_KEY] = record.key_id
        return
    st.session_state.pop(SESSION_KEY, None)
    st.title("Return to Run")
    if decision is phone_access.Decision.WRONG_KEY:
        st.warning("That link's key is not the current one (a new link may have been made).", icon="🔑")
    elif decision is phone_access.Decision.NO_KEY_SET:
        st.warning("Phone mode has no key yet: start it again with `python3 tasks.py start --phone`.", icon="🔑")
    st.markdown(HOW_TO_GET_IN)
    st.stop()
