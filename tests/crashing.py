"""``rag ARGS`` under a test's control at the index run's checkpoints (see ``rag.index.CHECKPOINTS``).

``python -m tests.crashing STEP[@N] ARGS...``: kills itself (SIGKILL) at checkpoint STEP of
batch N (1 by default), as a power cut would.

``python -m tests.crashing report=FILE ARGS...``: appends ``STEP BATCH`` to FILE at every
checkpoint, so a test can kill the run from outside at a moment of its choosing after a given
write.

``python -m tests.crashing hold=STEP:FILE ARGS...``: at checkpoint STEP of batch 1 writes FILE
and waits until the test deletes it, so the run is certain to be mid-write (holding the
writer's lock) while the test acts.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from rag import cli, index


def _kill_at(spec: str):
    step, _, nth = spec.partition("@")

    def kill(at: str, batch: int) -> None:
        if at == step and batch >= int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)

    return kill


def _report_to(path: Path):
    def report(at: str, batch: int) -> None:
        with path.open("a") as fh:
            fh.write(f"{at} {batch}\n")

    return report


def _hold_at(spec: str):
    step, _, name = spec.partition(":")
    flag = Path(name)
    held = False

    def hold(at: str, batch: int) -> None:
        nonlocal held
        if at != step or held:
            return
        held = True
        flag.write_text(str(os.getpid()))
        while flag.exists():
            time.sleep(0.02)

    return hold


def main() -> int:
    spec = sys.argv[1]
    if spec.startswith("report="):
        observer = _report_to(Path(spec.removeprefix("report=")))
    elif spec.startswith("hold="):
        observer = _hold_at(spec.removeprefix("hold="))
    else:
        observer = _kill_at(spec)
    index.CHECKPOINTS.append(observer)
    return cli.main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
