"""The pieces of ``scripts/bench.py``: what is measured, how, and how it is reported.

- ``workload``: the data at each size (bundled or synthetic), its N-Triples dump, the queries.
- ``engines``: PolicyKG (workers in memory, workers on disk), ``oxigraph serve``,
  ``oxigraph serve-read-only`` and rdflib-endpoint, each started, measured and stopped.
- ``servers``: a server subprocess on loopback, watched from start until it is stopped.
- ``memory``: the peak RSS and sampled peak PSS of a server's process tree.
- ``load_driver``: one client, then concurrent clients, against one server: percentiles.
- ``http_client``: one client process (standard library only) that ``load_driver`` runs.
- ``in_process``: export, projection and analysis times, and the safety machinery's cost.
- ``results``: the dataclasses every step fills in and the report reads; engine names.
- ``ratios``: PolicyKG's latency and throughput against the other engines, per query.
- ``targets``: verdicts on the performance targets, each met or missed and by how much.
- ``report``: the markdown report, and its JSON twin.
"""
