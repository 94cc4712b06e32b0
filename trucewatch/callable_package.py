"""Packages that are also the function they are named after (`trucewatch.ingest(...)`).

`import trucewatch.extract` makes `trucewatch.extract` the package, not the function the API
documents; giving the package a class with `__call__` keeps `trucewatch.extract(text)` working
whichever was imported first.
"""
from __future__ import annotations

import sys
import types
from collections.abc import Callable


def make_callable(module_name: str, function: Callable) -> None:
    """Let the package `module_name` be called as `function`."""

    class CallablePackage(types.ModuleType):
        def __call__(self, *args, **kwargs):
            return function(*args, **kwargs)

    CallablePackage.__doc__ = function.__doc__
    sys.modules[module_name].__class__ = CallablePackage
