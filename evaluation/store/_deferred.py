"""Libraries that sqlite-utils imports at its own import for what this app never calls,
loaded when first used instead (the standard library's `LazyLoader`): dateutil's parser
and time zones, a third of sqlite-utils' import, which the home screen waits for.

Imported by `evaluation.store` before anything that imports sqlite-utils."""

from __future__ import annotations

import importlib.util
import sys

DEFERRED = ("dateutil.parser",)  # `sqlite_utils.recipes`: `from dateutil import parser`


def defer(name: str) -> None:
    """`name` in `sys.modules`, and on its package, as a module that loads at its first
    use; nothing if it is loaded already or cannot be found."""
    if name in sys.modules:
        return
    package, _, child = name.rpartition(".")
    spec = importlib.util.find_spec(name)  # imports the package, not the module
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    # On the package too: `from package import child` would otherwise look it up
    # through the package's `__getattr__` and load it at once.
    setattr(sys.modules[package], child, module)


for _name in DEFERRED:
    defer(_name)
