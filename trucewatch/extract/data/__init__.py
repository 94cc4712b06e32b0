"""Data files of extraction (lexicons); a package so that wheels include them."""
