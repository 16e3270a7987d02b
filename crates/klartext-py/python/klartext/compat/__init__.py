"""Drop-in replacements for other extractors' Python APIs, backed by klartext.

- :mod:`klartext.compat.trafilatura`: ``extract(filecontent, ...)`` as trafilatura has it.
"""
