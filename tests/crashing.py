"""``python -m tests.crashing STEP[@N] ARGS...``: ``rag ARGS`` that kills itself (SIGKILL) at
the index run's checkpoint STEP of batch N (1 by default), as a power cut would."""

from __future__ import annotations

import os
import signal
import sys

from rag import cli, index


def main() -> int:
    step, _, nth = sys.argv[1].partition("@")

    def kill(at: str, batch: int) -> None:
        if at == step and batch >= int(nth or 1):
            os.kill(os.getpid(), signal.SIGKILL)

    index.CHECKPOINTS.append(kill)
    return cli.main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
