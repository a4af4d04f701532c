"""Where the graph lives. One interface, `Store` (`base`), whose kinds declare what they can do: an Oxigraph
folder (`local`), a SPARQL 1.1 endpoint (`remote`), an RDF file read into memory (`file`), a folder served by
a worker process (`worker`); the folder and the file share their in-process parts (`native`). `locking` keeps
processes taking turns at a folder and two builds apart; `opening` picks a store for a location.

Nothing is imported here: the worker process imports `kg.store.worker` and must start fast.
"""
