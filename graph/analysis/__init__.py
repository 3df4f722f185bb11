"""Network analysis of the projected graph: views, dependencies, influence, structure, connections.

Each module holds plain functions that take a NetworkX view and return dataclasses; the
CLI (``policykg analyse``) and the API (``/analysis``) call the same functions.
"""

__all__ = ["connections", "dependencies", "influence", "structure", "views"]
