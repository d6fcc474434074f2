"""Qt item models over service results (claims table, ...)."""
