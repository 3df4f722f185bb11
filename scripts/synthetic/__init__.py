"""The synthetic policy graph behind ``scripts/generate_synthetic.py``.

- ``wordlists``: the bodies, places, topics and sentence patterns documents are made of.
- ``generator``: the reference data and measures, built in memory from a seed.
"""
