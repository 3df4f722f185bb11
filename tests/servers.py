"""Real server processes for tests whose promises are about the wire."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
