"""Everything on screen that is not a page: the only non-page code that imports streamlit
(apart from `site`, `text` and `tables`, which are pure and tested without it).

Pages import the rooms they use:
- site      the pages in menu order, today's date (no Streamlit)
- shell     page() and its Context, the menu, flash messages, the example data switch
- widgets   refusals, date fields, confirmed delete with undo, form reset
- state     session state tied to the database it came from
- cached    cached reads (history, assessment, Trends, charts, lessons)
- text      escape_markdown for her text and a file's, counts and ages in words
- tables    pure table formatters
- runs      the run form's pattern, changing or deleting a run
- checkin   saving a symptom entry and what she sees after it
- guidance  home's panels: red-flag alerts, today's plan, the next phase
- learn     lesson links and views, the impact calculator
- data      export, import and restore previews
"""

from .site import MENU, TODAY_ENV_VAR

__all__ = ["MENU", "TODAY_ENV_VAR"]
