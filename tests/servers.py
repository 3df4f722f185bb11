"""Real server processes and a loopback listener, for tests whose promises are about the wire."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.settings import REPO_ROOT


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(process: subprocess.Popen[bytes], base: str) -> None:
    """Return once ``base``/health answers 200; raise if the process exits or never answers."""
    for _ in range(600):
        try:
            if httpx.get(base + "/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        try:
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"uvicorn exited with {process.returncode}")
    raise RuntimeError("uvicorn did not come up")


@contextmanager
def running_server(data_dir: Path, **settings: object) -> Iterator[str]:
    """Run PolicyKG's app in a uvicorn process over ``data_dir``; yield its base URL.

    ``settings`` become ``POLICYKG_<NAME>`` environment variables of the process.
    """
    port = free_port()
    env = {
        **os.environ,
        "POLICYKG_DATA_DIR": str(data_dir),
        **{f"POLICYKG_{name.upper()}": str(value) for name, value in settings.items()},
    }
    command = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=REPO_ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@dataclass
class Listener:
    """A loopback TCP listener that records every connection made to it.

    Point a ``SERVICE``, ``FROM`` or ``LOAD`` IRI at :attr:`url`; ``connections`` stays empty
    when the server made no outbound request.
    """

    sock: socket.socket = field(default_factory=socket.socket)
    connections: list[tuple[str, int]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        host, port = self.sock.getsockname()
        return f"http://{host}:{port}"

    def __enter__(self) -> Listener:
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self.sock.accept()
            except TimeoutError:
                continue
            self.connections.append(peer)
            conn.close()
