"""Rate limits per client address and per API token, counted in the database."""
