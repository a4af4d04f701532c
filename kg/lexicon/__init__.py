"""What extraction and resolution both know about words: person names, titles and given names (`names`), places
and demonyms (`gazetteer`), verbs and the predicates they normalise to (`predicates`); tables built once and
cached on disk (`cache`)."""
