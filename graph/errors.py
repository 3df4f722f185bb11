"""Domain exceptions raised by the library and mapped to exit codes (CLI) and statuses (API)."""

from __future__ import annotations

from dataclasses import dataclass


class PolicyKGError(Exception):
    """Base class of every error PolicyKG raises on purpose."""


@dataclass
class InvalidData(PolicyKGError):
    """A data file could not be parsed; ``line``/``column`` are 1-based when known."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ShapeViolations(PolicyKGError):
    """The data parsed but breaks the SHACL shapes; ``report`` holds every violation."""

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__(str(report))


class ReloadDisabled(PolicyKGError):
    """Reloading over HTTP is switched off (``POLICYKG_ADMIN_RELOAD``) or not allowed here."""


class UnknownEntity(PolicyKGError, LookupError):
    """No entity has the id, code or alias asked for."""


class QueryRejected(PolicyKGError, ValueError):
    """A query is malformed or not allowed (an update, SERVICE, too large)."""


class QueryTimeout(PolicyKGError, TimeoutError):
    """A query ran past its time limit and was stopped.

    ``ran_for`` is how long it ran once a worker took it (the limit also counts the wait
    for a worker), in seconds, when known.
    """

    ran_for: float | None = None


class WorkersBusy(QueryTimeout):
    """Every query worker stayed busy for the whole time limit: the query never started.

    A :class:`QueryTimeout` for clients (503), but not the asking client's fault.
    """


class ResultTooLarge(PolicyKGError):
    """A query's result passed the configured size limit."""
