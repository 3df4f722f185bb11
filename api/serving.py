"""What the app serves: the store and its query workers, created and swapped together."""

from __future__ import annotations

from fastapi import FastAPI

from graph.query_runner import QueryRunner
from graph.settings import Settings
from graph.store import Store


def make_runner(store: Store, settings: Settings) -> QueryRunner:
    """Query workers over ``store`` with the settings' time limit, row cap and pool size."""
    return QueryRunner(
        store,
        timeout=settings.query_timeout,
        max_rows=settings.max_rows,
        workers=settings.query_workers,
        snapshot=settings.worker_snapshot,
        auto_triples=settings.worker_snapshot_auto_triples,
        snapshot_dir=settings.worker_snapshot_dir,
        preempt=settings.query_preemption,
    )


def install_graph(app: FastAPI, store: Store) -> str:
    """Serve ``store`` from now on: swap store and workers together; return the old version.

    The swap waits until a new worker is ready (at 10^6 triples a disk snapshot takes some
    seconds to build), so no query meets a graph whose workers are still loading; the old
    graph serves meanwhile. Requests already running keep the store and runner they
    started with; the old workers are stopped once idle.

    Raises
    ------
    RuntimeError
        When the new workers cannot start; the old graph keeps serving.
    """
    runner = make_runner(store, app.state.settings)
    try:
        runner.wait_ready()
    except RuntimeError:
        runner.close()
        raise
    old_store, old_runner = app.state.store, app.state.runner
    app.state.store, app.state.runner = store, runner
    old_runner.close()
    return old_store.data_version
