"""koll's analysis layer: pure computation on texts and frames (no I/O, no settings).

The one exception runs here, at import: analysis/native.py makes sure that compiled scoring
modules (setup.py) run only while they match their source.
"""

from analysis import native as native
