"""Shared pieces for incident tests live in trucewatch.incidents.samples (importable everywhere)."""
