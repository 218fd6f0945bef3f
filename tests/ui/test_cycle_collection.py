"""A report is built with Python's cycle collector paused: on a vault with 100,000 shares its
passes over millions of objects held every thread, the GUI thread too, for up to a second
each (docs/performance.md, "The tour")."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from ui.report.export import PdfTypesetting, ReportFormat, export_report, prepare_pdf
from ui.tasks import collection_paused, collector_frozen, cycle_collection_paused
from vault.transparency.managers import Transparency
from vault.vault import Vault


def test_the_collector_runs_again_once_the_last_pause_is_over() -> None:
    automatic = gc.isenabled()  # off: the collector on the GUI thread collects instead
    assert not collection_paused()
    with cycle_collection_paused():
        assert collection_paused() and not gc.isenabled()
        with cycle_collection_paused():
            assert collection_paused()
        assert collection_paused()  # the outer task is still building
    assert not collection_paused()
    assert gc.isenabled() == automatic


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
    assert collection_paused()  # the other thread's task goes on
    leave.set()
    thread.join(10)
    assert not collection_paused()


def test_an_error_ends_the_pause() -> None:
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("the task failed")
    assert not collection_paused()


@pytest.mark.parametrize("kind", list(ReportFormat))
def test_the_report_is_built_and_dropped_with_the_collector_paused(
    qapp: object, vault: Vault, tmp_path: Path, kind: ReportFormat,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    build = Transparency.report

    def watched(self: Transparency, origin: str | None = None) -> object:
        seen.append(collection_paused())
        return build(self, origin)

    monkeypatch.setattr(Transparency, "report", watched)
    written = export_report(vault, None, tmp_path / f"report.{kind.value}", kind)
    assert seen == [True]
    assert not collection_paused()
    assert written.path.stat().st_size > 0


def test_a_frozen_collector_leaves_out_what_was_there_until_the_last_freeze_ends() -> None:
    held = [[index] for index in range(10_000)]  # tracked objects alive before the freeze
    assert gc.get_freeze_count() == 0
    with collector_frozen():
        frozen = gc.get_freeze_count()
        assert frozen >= len(held)
        with collector_frozen():
            assert gc.get_freeze_count() == frozen  # not frozen twice
        assert gc.get_freeze_count() == frozen  # the outer work goes on
        made = [[index] for index in range(1_000)]
        gc.collect()  # made since: walked as ever, and frozen objects left where they are
        assert gc.get_freeze_count() == frozen
    assert gc.get_freeze_count() == 0
    assert len(held) == 10_000 and len(made) == 1_000


def test_typesetting_a_pdf_freezes_the_collector_until_it_ends_or_is_stopped(
    qapp: object, vault: Vault, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    typesetting = PdfTypesetting(prepare_pdf(vault, None, out / "report.pdf"))
    steps = typesetting.steps()
    next(steps)
    assert gc.get_freeze_count() > 0
    steps.close()  # stopped, as closing the dialog does
    typesetting.discard()
    assert gc.get_freeze_count() == 0 and not list(out.iterdir())
    typesetting = PdfTypesetting(prepare_pdf(vault, None, out / "report.pdf"))
    for _ in typesetting.steps():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    typesetting.finish()
    typesetting.file.commit()
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert [p.name for p in out.iterdir()] == ["report.pdf"]
