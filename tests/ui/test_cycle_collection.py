"""A report is built with Python's cycle collector paused: on a vault with 100,000 shares its
passes over millions of objects held every thread, the GUI thread too, for up to a second
each (docs/performance.md, "The tour")."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from ui.report.printed import ReportFormat, export_report
from ui.tasks import cycle_collection_paused
from vault.transparency.managers import Transparency
from vault.vault import Vault


def test_the_collector_runs_again_once_the_last_pause_is_over() -> None:
    assert gc.isenabled()
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer task is still building
    assert gc.isenabled()


def test_pauses_from_two_threads_end_when_both_are_over() -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with cycle_collection_paused():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    assert inside.wait(10)
    with cycle_collection_paused():
        pass
    assert not gc.isenabled()  # the other thread's task goes on
    leave.set()
    thread.join(10)
    assert gc.isenabled()


def test_an_error_ends_the_pause() -> None:
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("the task failed")
    assert gc.isenabled()


@pytest.mark.parametrize("kind", list(ReportFormat))
def test_the_report_is_built_and_dropped_with_the_collector_paused(
    qapp: object, vault: Vault, tmp_path: Path, kind: ReportFormat,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    build = Transparency.report

    def watched(self: Transparency, origin: str | None = None) -> object:
        seen.append(gc.isenabled())
        return build(self, origin)

    monkeypatch.setattr(Transparency, "report", watched)
    written = export_report(vault, None, tmp_path / f"report.{kind.value}", kind)
    assert seen == [False]
    assert gc.isenabled()
    assert written.path.stat().st_size > 0
