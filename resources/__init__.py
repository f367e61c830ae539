"""Data shipped with the app: gift catalog, region cash-out rules, default rates, icons."""
