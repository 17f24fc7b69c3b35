"""Processing provider and algorithms: thin wrappers over core and store."""
