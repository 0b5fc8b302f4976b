"""The demo data as literals (SPEC §10), built from demo/specs.py and nothing else."""
