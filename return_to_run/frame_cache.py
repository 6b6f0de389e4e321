"""What was built from a whole DataFrame, kept while that very frame object is alive.

History frames are never changed after they are loaded (storage.read_history hands the same
object back while its table is unchanged), so anything computed from one whole frame (its
typed records, the check-ins' symptom flags) can be computed once per frame instead of once
per page run. Keyed on (the frame's identity, the builder): several builders' results for one
frame are kept side by side.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

# (id(frame), builder) -> (a weak reference to the frame, builder(frame)). The weak reference
# tells a live frame from a new one that got the id of a collected frame.
_BUILT: dict[tuple, tuple] = {}
_BUILT_MAX = 32
_BUILT_LOCK = threading.Lock()  # Streamlit reruns pages in several threads


def built_for(frame, builder: Callable[[Any], Any]):
    """builder(frame), reused while the same frame object is alive (None: built each time)."""
    if frame is None:
        return builder(frame)
    known = kept(frame, builder)
    if known is not None:
        return known
    built = builder(frame)
    keep(frame, builder, built)
    return built


def kept(frame, builder) -> Any | None:
    """What keep() holds for this frame object and builder, or None."""
    with _BUILT_LOCK:
        known = _BUILT.get((id(frame), builder))
    if known is not None and known[0]() is frame:
        return known[1]
    return None


def keep(frame, builder, built) -> None:
    """Hold `built` as builder(frame) for as long as `frame` lives (at most _BUILT_MAX)."""
    try:
        ref = weakref.ref(frame)
    except TypeError:  # pragma: no cover - a frame type without weak references
        return
    with _BUILT_LOCK:
        for key in [key for key, (alive, _) in _BUILT.items() if alive() is None]:
            del _BUILT[key]
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.pop(next(iter(_BUILT)))
        _BUILT[(id(frame), builder)] = (ref, built)
