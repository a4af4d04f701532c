"""The build: sources, read and cleaned, go to parser processes (`workers`); what they extract is resolved and
written to the store in batches by a thread of its own (`sink`, `writer`), the way the store takes them
(`strategies`), after reading what it holds (`stored`); `pipeline` composes it all and `report` says what it
did."""
