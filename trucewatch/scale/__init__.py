"""Scale-out on Dask distributed: extraction, ingest and incident fusion over many processes or
machines (the optional `scale` extra: `pip install 'trucewatch[scale]'`).

    trucewatch extract reports/ --dask local:4          # a LocalCluster of 4 worker processes
    trucewatch ingest wire.jsonl --dask tcp://10.0.0.5:8786 --db postgresql://tw@db/trucewatch

Nothing here imports Dask at import time, so the default install (without the extra) can
import the package, and `--dask` without the extra says how to get it instead of failing
with an ImportError. Modules:
  cluster    the address (`--dask`, $TRUCEWATCH_DASK), connecting, LocalCluster, clear errors
  plugin     the worker plugin that loads spaCy, gazetteer and actor dictionary once per worker
  stream     tasks in input order over a bounded window
  progress   documents done / read across the cluster (the bar of `--dask` runs)
  extract    `extract_documents` over the cluster, results in input order
  ingest     storing over the cluster: from the workers (server databases) or the client (SQLite)
  blocking   which event mentions fusion could ever compare, computed per blocking partition
  fusion     incidents fused per connected partition in parallel, identical to one process
  sources    where the workers get event mentions from (memory, a store, Parquet)
  parquet    Parquet read/write for documents, events and incidents (needs only pyarrow)
"""
