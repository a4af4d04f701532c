"""One node per real-world thing: the entities of every document matched against those already known."""
