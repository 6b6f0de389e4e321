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
# Per database: six tables' records, four tables' weekly rows and the check-ins' flags, for
# the last read and the one before it (a page still drawing while a save lands).
_BUILT_MAX = 64
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


# Builders whose result is a dict of arrays with one value per row of the frame, in its order.
_ROW_WISE: list[Callable[[Any], dict]] = []


def row_wise(builder: Callable[[Any], dict]) -> Callable[[Any], dict]:
    """Mark `builder` as row-wise (each row's values depend on that row alone), so that
    extend_row_wise() can build a grown frame's result from the earlier one."""
    _ROW_WISE.append(builder)
    return builder


def extend_row_wise(frame, earlier, added) -> None:
    """`frame` is `added`'s rows followed by `earlier`'s (storage.read_history after a save
    that only added rows, newest first): each row-wise result kept for `earlier` becomes
    `frame`'s as the added rows' values followed by the kept ones. Equal to building `frame`
    whole, since each row's values depend on that row alone."""
    import numpy as np  # only reached after a save, when numpy is loaded anyway

    for builder in _ROW_WISE:
        earlier_values = kept(earlier, builder)
        if earlier_values is not None:
            new = builder(added)
            keep(frame, builder, {name: np.concatenate([new[name], earlier_values[name]]) for name in earlier_values})
