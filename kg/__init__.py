"""kg: build a knowledge graph from news articles and query it with SPARQL."""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
