"""Periodic reports: one self-contained offline HTML file (inline CSS, JS and SVG) or Markdown.

`write_report(truce, incidents, findings=None, *, start, end, out, format=None) -> Path`.
"""
from .render import render_report, write_report

__all__ = ["render_report", "write_report"]
