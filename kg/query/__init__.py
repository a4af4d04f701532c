"""Asking the graph: running SPARQL with clear errors (`run`), printing results (`formatting`), counts
(`stats`) and differences between two graphs (`diff`)."""
