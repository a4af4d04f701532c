"""One parsed article in, one `Extraction` out: mentions, local entities, roles, statements and relations, each
found by a stage of its own, run in the order `extraction.STAGES` declares. No rdflib here."""
