"""Measure extraction on gold data in the field's own formats (`trucewatch evaluate`).

`evaluate(format, paths)` reads gold items, runs extraction, scores each field and writes every
miss to a JSON Lines file. Formats: petrarch, plover, acled, gtd, case, timeml, geoparsing,
event_location, contract (our own invented reports, docs/gold/contract), wikipedia.
"""
from trucewatch.evaluate.runner import DEFAULT_MISSES, FORMATS, Evaluation, evaluate

__all__ = ["evaluate", "Evaluation", "FORMATS", "DEFAULT_MISSES"]
