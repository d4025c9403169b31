"""``Pipeline.warm`` loads what answers read before the first question (a fresh process each,
since every part is loaded once per process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SEEDS, rag_env, run_rag

_LOADED = """
import json, sys
from rag import Pipeline, Settings
import rag.entities, rag.kinds, rag.places, rag.regions
pipe = Pipeline(Settings.load())
pipe.warm() if sys.argv[1] == "warm" else pipe.ask("warm up")
print(json.dumps({
    "ner": bool(rag.entities._loaded),
    "wordnet": bool(rag.kinds._loaded),
    "places": rag.places.place_kinds.cache_info().currsize,
    "gazetteer": rag.regions._gazetteer.cache_info().currsize,
}))
"""


def _loaded(home: Path, how: str) -> dict[str, object]:
    cmd = [sys.executable, "-c", _LOADED, how]
    done = subprocess.run(cmd, env=rag_env(home), capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_warm_loads_what_the_first_answer_would(tmp_path: Path) -> None:
    assert run_rag(tmp_path, "index", str(SEEDS)).returncode == 0
    asked = _loaded(tmp_path, "ask")
    assert asked == {"ner": False, "wordnet": False, "places": 0, "gazetteer": 0}  # a bare ask loads none
    assert _loaded(tmp_path, "warm") == {"ner": True, "wordnet": True, "places": 1, "gazetteer": 1}
