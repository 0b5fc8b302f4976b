"""The demo app (SPEC §10): the Oxfordshire demo data and the ``load_demo`` command that loads it."""
