"""Open Referral HSDS 3.0: Paso's public directory as HSDS documents (no Reflex import).

``ids`` names every exported object with a stable UUID, ``schedules`` maps opening hours,
``documents`` builds the compiled service documents, ``export`` selects the public directory
and writes the files. docs/hsds.md has the field mapping.
"""
