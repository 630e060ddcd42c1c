"""The demo network: its TOML file, its stories, and the build that pushes them through the real pipeline.

Stories live in ``demo/stories/`` as data; ``demo/render.py`` writes them as wire files with times
relative to the first build; ``demo/build.py`` drops those files into the sources' folders and runs
ordinary ingest, so the demo exercises the same path as a live wire.
"""

from __future__ import annotations

from pathlib import Path

NETWORK_FILE = Path(__file__).parent / "network.toml"
