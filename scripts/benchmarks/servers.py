"""A server under test: a subprocess on 127.0.0.1, its memory watched until it is stopped."""

from __future__ import annotations

import socket
import subprocess
import time
from types import TracebackType

import httpx

from .memory import PssSampler, peak_rss_mb

READY_TIMEOUT = 600.0
"""Seconds a server may take to answer its first request (10^6 triples take minutes)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server subprocess; use it as a context manager so that it is always stopped.

    PSS sampling starts with the process; on :meth:`stop` the VmHWM sum is read (while
    the tree is still alive) and the PSS peak is kept, then the process is terminated.
    """

    def __init__(self, cmd: list[str], env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._sampler = PssSampler(self.proc.pid)
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0

    def __enter__(self) -> Server:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def wait_ok(self, url: str, timeout: float = READY_TIMEOUT) -> None:
        """Poll ``url`` until it answers 200.

        Raises
        ------
        RuntimeError
            When the server exits first.
        TimeoutError
            When ``timeout`` seconds pass first.
        """
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.proc.returncode} before {url} answered"
                )
            try:
                if httpx.get(url, timeout=5).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.02)
        raise TimeoutError(url)

    def stop(self) -> None:
        """Record the memory figures, then terminate the server (kill it after 10 s)."""
        running = self.proc.poll() is None
        if running:
            self.peak_rss_mb = peak_rss_mb(self.proc.pid)
        self.peak_pss_mb = self._sampler.stop()
        if running:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
