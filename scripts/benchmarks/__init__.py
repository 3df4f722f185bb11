"""The pieces of ``scripts/bench.py``: what is measured, how, and how it is reported.

- ``workload``: the data at each size (bundled or synthetic), its N-Triples dump, the queries.
- ``engines``: PolicyKG, ``oxigraph serve``, ``oxigraph serve-read-only`` and rdflib-endpoint,
  each started on loopback, measured under load and stopped.
- ``load_driver``: concurrent clients against one server, with latency percentiles.
- ``in_process``: export, projection and analysis times, and the safety machinery's cost.
- ``results``: the dataclasses every step fills in and the report reads.
- ``report``: the markdown report with target verdicts, and its JSON twin.
"""
