#!/usr/bin/env python3
"""Start the kg SPARQL shell: `python shell.py [--store DIR]` (the same as `kg shell`)."""

from kg.shell.app import main

if __name__ == "__main__":
    main()
