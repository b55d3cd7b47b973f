"""koll's shipped data (lexicons, training and eval texts, demo feeds), installed as package data.

Nothing here is code: `analysis.resources.data_path` and the demo job find these files through
`importlib.resources`, which works the same from a checkout and from an installed wheel.
"""
