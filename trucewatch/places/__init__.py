"""Places: offline gazetteer and geoparser (placeholder until issue 4 lands)."""
