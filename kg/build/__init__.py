"""The build: sources, read and cleaned, go to parser processes; what they extract is resolved and written to the
store in batches (`pipeline`, `writer`)."""
