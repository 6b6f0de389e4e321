"""Heavy libraries imported on first use, so a new user's first screen starts without them.

pandas (+ numpy, pyarrow) is ~0.3 s of CPU and ~80 MB: the rule modules import it at their
top, but the home page of an empty database, the profile form and the lessons never touch a
frame. `pd = lazy_module("pandas")` gives a stand-in that imports pandas on the first
attribute looked up (`pd.DataFrame`) and then keeps each attribute it has handed out, so
later look-ups cost what a module attribute costs. Annotations need no import (every module
here has `from __future__ import annotations`).
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType
from typing import Any

_LOCK = threading.Lock()


class LazyModule:
    """Stands in for the module `name` until an attribute is looked up."""

    def __init__(self, name: str) -> None:
        self.__name = name

    def __getattr__(self, attr: str) -> Any:
        value = getattr(importlib.import_module(self.__name), attr)
        setattr(self, attr, value)
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self.__name!r}>"


def lazy_module(name: str) -> ModuleType | LazyModule:
    """The module if it is already imported, else a LazyModule for it."""
    return sys.modules.get(name) or LazyModule(name)


def import_sqlite_utils() -> None:
    """Import sqlite-utils without letting it import pandas and numpy.

    sqlite-utils imports both whenever they are installed, only to map numpy and pandas
    scalar types to column types when it creates or alters a table from Python values. Here
    the schema is made by migrations in SQL and every value written is a plain Python value
    (storage.connection.to_sqlite, restore's rows from SQLite/JSON), so that mapping is never
    used. Hidden only while sqlite-utils imports; a no-op once it is imported.
    """
    with _LOCK:
        if "sqlite_utils" in sys.modules:
            return
        hidden = {name: sys.modules.get(name) for name in ("pandas", "numpy")}
        if all(module is not None for module in hidden.values()):
            import sqlite_utils

            return
        for name in hidden:
            if hidden[name] is None:
                sys.modules[name] = None  # an import of it raises ImportError meanwhile
        try:
            import sqlite_utils  # noqa: F401
        finally:
            for name, module in hidden.items():
                if module is None:
                    sys.modules.pop(name, None)
