"""The interactive SPARQL shell."""
