"""Build the fast gazetteer index on first use (placeholder until issue 4 lands)."""
if __name__ == "__main__":
    pass
