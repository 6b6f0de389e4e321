"""Altair chart builders: a tidy DataFrame in, a top-level chart out. Pages only place them,
with st.vega_lite_chart(chart.to_dict(), width="stretch").

Every chart is built phone first: panels stacked with fixed heights, legends one entry per
line under the plot, text at 12 px or more, and autosize "fit-x" so the whole chart is as
wide as its column, from a 390 px phone to a wide window.

- weekly: weekly_chart (running bars, symptom panels, red flags, phases, zoom strip).
- secondary: progression_chart, acwr_chart, foundation_chart, patterns_chart.
- base: colours, text sizes, the weeks axis and the empty chart.
"""

import importlib

# The builders and constants are looked up on first use (PEP 562): importing this package
# does not import Altair (~0.2 s and ~20 MB), so a page that only may draw a chart (Trends
# with nothing logged yet) starts without it. `charts.weekly_chart` etc. work as before.
_HOMES = {
    "EMPTY_MESSAGE": "base",
    "MIN_WEEKS_SHOWN": "base",
    "OKABE_ITO": "base",
    "RED_FLAG_COLOR": "base",
    "VOLUME_COLOR": "base",
    "DEFAULT_SYMPTOM_LAYERS": "layers",
    "SYMPTOM_LAYERS": "layers",
    "SYMPTOM_STYLES": "layers",
    "acwr_chart": "secondary",
    "foundation_chart": "secondary",
    "patterns_chart": "secondary",
    "progression_chart": "secondary",
    "weekly_chart": "weekly",
}


_SUBMODULES = ("base", "layers", "secondary", "specs", "weekly")


def __getattr__(name: str):
    if name in _SUBMODULES:  # `charts.secondary.foundation_rows` as when __init__ imported them
        return importlib.import_module(f".{name}", __name__)
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
    globals()[name] = value  # later look-ups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES, *_SUBMODULES})


__all__ = [
    "DEFAULT_SYMPTOM_LAYERS",
    "EMPTY_MESSAGE",
    "MIN_WEEKS_SHOWN",
    "OKABE_ITO",
    "RED_FLAG_COLOR",
    "SYMPTOM_LAYERS",
    "SYMPTOM_STYLES",
    "VOLUME_COLOR",
    "acwr_chart",
    "foundation_chart",
    "patterns_chart",
    "progression_chart",
    "weekly_chart",
]
