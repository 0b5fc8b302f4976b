"""The demo's loaders: each replays a part of demo/data/ through the actions, with the
historic ``now`` of each change (demo/loader.py runs them in order)."""
