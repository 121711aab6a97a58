"""A static-site generator for a public catalogue of micro-credentials.

The pipeline is visible in the module names: ``loading`` → ``validation`` → ``model``
→ (render, feeds) → the two doors, ``cli`` and the MkDocs plugin.
"""
