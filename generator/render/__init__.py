"""Rendering: catalogue model → HTML fragments, JSON-LD and crawler files.

Nothing here knows about MkDocs or writes files; it takes the model and returns text. The
only HTML built from provider text is built here, by the autoescaping Jinja environment.
"""
