"""The parse: loading the spaCy model (`model`), the text it is given (`headline`), and the one pass that reads
its `Doc` into plain words and sentences every later step shares (`parse`, `sentences`)."""
