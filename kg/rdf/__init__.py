"""The ontology's vocabulary (`ontology`, `terms`) and the mapping of an extraction to triples (`triples`): the
first place RDF terms appear."""
