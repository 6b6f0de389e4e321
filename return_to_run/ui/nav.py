"""Phone-first navigation and the page's few style rules.

On a phone the sidebar menu hides behind a button; the four pages of the daily loop (home,
Log a run, Symptoms, Trends) are a row of big links at the top of every page instead, so
a thumb reaches them in one tap. On a wide window (sidebar open) the row is hidden.
"""

from __future__ import annotations

import streamlit as st

# (file, label, emoji): the daily loop, in the order she goes through it.
QUICK_LINKS = (
    ("app.py", "Home", "🏠"),
    ("pages/log_run.py", "Log a run", "👟"),
    ("pages/symptoms.py", "Symptoms", "📝"),
    ("pages/trends.py", "Trends", "📈"),
)
QUICK_NAV_KEY = "quick_nav"
# Streamlit folds the sidebar away at this width and below (its "md" breakpoint).
NARROW_MAX_PX = 768

# Our own rules only, no fonts or images from elsewhere. Why each:
# - captions and secondary text darker than Streamlit's faded grey (a caption is drawn at 60%
#   opacity, about 3.1:1), for >= 4.5:1 contrast: #4a4a55 on white is 8.6:1;
# - a keyboard focus ring (orange, outlined) unlike the current page's grey background;
# - the menu button says "Menu" in words, not only "»";
# - the quick links are tap-sized (44 px, WCAG 2.5.5) and hidden where the sidebar shows;
# - the check-in, scrolled into view after a save, stops below the header bar;
# - a folded (off-screen) sidebar is hidden for real, so the keyboard cannot tab into a menu
#   she cannot see and its scrollable list is not a region without keyboard access.
STYLE = f"""
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p {{ color: #4a4a55 !important; opacity: 1 !important; }}
a:focus-visible, button:focus-visible, [role="button"]:focus-visible, input:focus-visible,
textarea:focus-visible, [role="radio"]:focus-visible, [role="checkbox"]:focus-visible,
[role="slider"]:focus-visible, [tabindex]:focus-visible {{
  outline: 3px solid #b34700 !important; outline-offset: 2px !important;
}}
[data-testid="stExpandSidebarButton"]::after {{
  content: "Menu"; margin-left: 0.25rem; font-size: 1rem; color: #26262e;
}}
.st-key-{QUICK_NAV_KEY} [data-testid="stPageLink"] a {{
  min-height: 44px; border: 1px solid #8a8a96; border-radius: 0.5rem; padding: 0.25rem 0.6rem;
}}
.st-key-{QUICK_NAV_KEY} {{ gap: 0.4rem; }}
.st-key-checkin_panel {{ scroll-margin-top: 4.5rem; }}
[data-testid="stSidebar"][data-collapsed="true"] [data-testid="stSidebarContent"] {{ visibility: hidden; }}
@media (min-width: {NARROW_MAX_PX + 1}px) {{ .st-key-{QUICK_NAV_KEY} {{ display: none; }} }}
</style>
"""


# On a phone the sidebar covers the page; Streamlit folds its own page menu after a pick, but
# not a menu of st.page_link. This folds ours the same way: a click on a menu link at phone
# width also presses "Collapse sidebar". Our own constant script, added once per browser tab;
# it reads nothing and sends nothing.
FOLD_MENU_SCRIPT = f"""
<script>
(() => {{
  if (document.__returnToRunMenuFold) return;
  document.__returnToRunMenuFold = true;
  document.addEventListener("click", (event) => {{
    const link = event.target.closest('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]');
    if (!link || window.innerWidth > {NARROW_MAX_PX}) return;
    const fold = document.querySelector('[data-testid="stSidebar"] button[aria-label="Collapse sidebar"]');
    if (fold) setTimeout(() => fold.click(), 0);
  }}, true);
}})();
</script>
"""


def style() -> None:
    """Add the app's style rules to the page (they take no space)."""
    st.html(STYLE)


def fold_menu_after_a_pick() -> None:
    """Fold the sidebar menu after she picks a page on a phone (call inside the sidebar)."""
    st.html(FOLD_MENU_SCRIPT, unsafe_allow_javascript=True)


def quick_nav() -> None:
    """The daily loop's four pages as a wrapping row of big links (phones only)."""
    with st.container(horizontal=True, key=QUICK_NAV_KEY):
        for path, label, icon in QUICK_LINKS:
            st.page_link(path, label=label, icon=icon)
