"""Altair chart builders: a tidy DataFrame in, a top-level chart out. Pages only place them,
with st.vega_lite_chart(chart.to_dict(), width="stretch").

Every chart is built phone first: panels stacked with fixed heights, legends one entry per
line under the plot, text at 12 px or more, and autosize "fit-x" so the whole chart is as
wide as its column, from a 390 px phone to a wide window.

- weekly: weekly_chart (running bars, symptom panels, red flags, phases, zoom strip).
- secondary: progression_chart, acwr_chart, foundation_chart, patterns_chart.
- base: colours, text sizes, the weeks axis and the empty chart.
"""

from .base import EMPTY_MESSAGE, MIN_WEEKS_SHOWN, OKABE_ITO, RED_FLAG_COLOR, VOLUME_COLOR
from .layers import DEFAULT_SYMPTOM_LAYERS, SYMPTOM_LAYERS, SYMPTOM_STYLES
from .secondary import acwr_chart, foundation_chart, patterns_chart, progression_chart
from .weekly import weekly_chart

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
