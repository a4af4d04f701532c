"""Where the graph lives: an Oxigraph folder (`local`), a SPARQL 1.1 endpoint (`remote`), an RDF file read into
memory (`file`), a folder served by a worker process (`worker`); `opening` picks one for a location.

Nothing is imported here: the worker process imports `kg.store.worker` and must start fast.
"""
