"""A query worker process as the runner sees it, and the dataset snapshot it opens.

:class:`Worker` starts ``python -c "from graph.query_worker import serve; serve()"`` and
speaks to it with pickles over its stdin and stdout (:mod:`graph.query_worker` is the other
end). :func:`write_snapshot` prepares what workers open: an N-Quads dump each loads into memory,
or one read-only on-disk store built from it in a child process. :mod:`graph.query_runner`
pools the workers and enforces the time limit.
"""

from __future__ import annotations

import pickle
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

from graph.errors import QueryRejected, QueryTimeout
from graph.query_worker import Reply, Request
from graph.settings import REPO_ROOT
from graph.store import OxigraphStore

__all__ = ["STARTUP_TIMEOUT", "Worker", "write_snapshot"]

STARTUP_TIMEOUT = 600.0
"""Seconds a fresh worker may take to open or load the dataset (or the disk copy to build)."""


def write_snapshot(store: OxigraphStore, folder: Path, *, on_disk: bool) -> tuple[str, str]:
    """Dump ``store`` into ``folder``; with ``on_disk``, bulk-load the dump into a store there.

    The load runs in a separate process so the server's own memory does not grow with it.
    """
    dump = folder / "dataset.nq"
    store.dump_dataset(dump)
    if not on_disk:
        return ("load", str(dump))
    location = folder / "store"
    program = "import sys; from graph.query_worker import build; build(*sys.argv[1:])"
    subprocess.run(
        [sys.executable, "-c", program, str(dump), str(location)],
        check=True,
        cwd=REPO_ROOT,
        timeout=STARTUP_TIMEOUT,
    )
    dump.unlink()
    return ("read-only", str(location))


class Worker:
    """One worker process, spoken to with pickles over its stdin and stdout.

    A fresh interpreter (not ``multiprocessing``) so the worker never re-imports the
    caller's ``__main__``; it opens the dataset, says ``ready``, then answers requests.
    """

    def __init__(self, source: tuple[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from graph.query_worker import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=REPO_ROOT,
        )
        self._send(source)
        self.preempted = False

    def preempt(self) -> None:
        """Stop the query this worker runs, for a query waiting for a worker.

        The thread waiting for the answer sees the process end and raises
        :class:`QueryTimeout`; it also tidies the process up.
        """
        self.preempted = True
        self.process.kill()

    def wait_ready(self) -> None:
        if self.receive(STARTUP_TIMEOUT, STARTUP_TIMEOUT) != "ready":
            raise RuntimeError("the worker did not say ready")

    def ask(self, request: Request, remaining: float, limit: float) -> Reply:
        self._send(request)
        return self.receive(remaining, limit)

    def receive(self, remaining: float, limit: float) -> Any:
        stdout = self.process.stdout
        assert stdout is not None
        readable, _, _ = select.select([stdout], [], [], remaining)
        if not readable:
            raise QueryTimeout(f"the query ran past the {limit:g} s time limit")
        try:
            return pickle.load(stdout)
        except EOFError:
            if self.preempted:
                raise QueryTimeout(
                    f"the query ran past half the {limit:g} s time limit while another query "
                    "waited for a worker, so it was stopped to make room"
                ) from None
            # the worker died (the engine crashed on this query): a 400, not a 500
            raise QueryRejected("the query engine failed on this query") from None

    def _send(self, message: object) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        pickle.dump(message, stdin, protocol=pickle.HIGHEST_PROTOCOL)
        stdin.flush()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
