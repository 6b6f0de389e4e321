"""What the page tests share: the fixed dates and profile, the AppTest factory and checks on
what a page drew. Fixtures built on these live in conftest.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
BIRTH_DATE = date(2026, 7, 1)  # 21 weeks before TODAY
# Markdown that, rendered, would fetch an image from another site (a TEST-NET-3 address).
IMAGE_MARKUP = "![t](http://203.0.113.5/p.png)"
IMAGE_MARKUP_ESCAPED = "\\!\\[t\\]\\(http\u2060\\://203\\.0\\.113\\.5/p\\.png\\)"  # text.escape_markdown(IMAGE_MARKUP)

PROFILE = {
    "birth_date": BIRTH_DATE,
    "birth_type": "vaginal",
    "perineal_tear": "first_second",
    "feeding": "breastfeeding",
    "leaked_before_or_during_pregnancy": False,
    "running_background": "recreational",
    "previous_running_injury": False,
    "units": "km",
}


def app_test(page: str) -> AppTest:
    """An AppTest of `page` (a path relative to the repo, e.g. 'pages/log_run.py').

    The app is entered through app.py and switched to the page, as Streamlit does for a
    multipage app, so that links between pages resolve as they do in the browser.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    if page != "app.py":
        at.switch_page(page)
    return at


def no_errors(at: AppTest) -> None:
    """The page ran without an exception and showed no error message."""
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == []


def charts(at: AppTest) -> list:
    """The charts on the page: st.vega_lite_chart arrives in AppTest 1.67 as an element of type
    "vega_lite_chart" (an UnknownElement); "arrow_vega_lite_chart" is never produced."""
    assert not at.get("arrow_vega_lite_chart")
    return at.get("vega_lite_chart")


def metrics(at: AppTest) -> dict[str, str]:
    """Label -> value of the metrics in the page body."""
    return {m.label: m.value for m in at.main.metric}


def markdown_shown(at: AppTest) -> str:
    """Every Markdown body the page drew (markdown, captions, alerts, labels), one per line:
    what a check for unescaped markup reads."""
    bodies = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success") for e in at.get(kind)]
    bodies += [
        getattr(e, "label", "") or "" for kind in ("button", "checkbox", "toggle", "expander") for e in at.get(kind)
    ]
    return "\n".join(str(b) for b in bodies)


def body_page_links(at: AppTest) -> list:
    """The page links in the page body, without the quick links row at the top of every
    page (ui.nav.quick_nav: Home, Log a run, Symptoms, Trends)."""
    from return_to_run.ui import nav

    quick = [
        child
        for child in at.main.children.values()
        if child.type == "flex_container" and str(getattr(child.proto, "id", "")).endswith(f"-{nav.QUICK_NAV_KEY}")
    ]
    in_row = {id(link) for block in quick for link in block.get("page_link")}
    return [link for link in at.main.get("page_link") if id(link) not in in_row]
