"""A report is built with Python's cycle collector paused: on a vault with 100,000 shares its
passes over millions of objects held every thread, the GUI thread too, for up to a second
each (docs/performance.md, "The tour")."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from demo.brands import FAIR
from tests.ui.transparency_helpers import import_sample
from ui.report.export import ReportFormat, export_report, prepare_pdf
from ui.report.paged import Block, BlockOrHtml, _placements, _Typesetter
from ui.tasks import collection_paused, cycle_collection_paused
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


def test_a_reports_share_blocks_are_not_tracked_by_the_collector(
    qapp: object, demo_vault: Vault, tmp_path: Path
) -> None:
    """A share's block is its HTML alone, a str: the collector does not track it, so the
    100,000 blocks of a large vault's report add nothing to its passes while they wait on
    the GUI thread to be typeset. Only a brand's heading (a new page, its charts) is a
    Block."""
    brands = ("https://one.example", "https://two.example")
    for origin in brands:
        import_sample(demo_vault, FAIR, origin, name=origin)
        demo_vault.grants.share(origin, "fit-advice")
        demo_vault.grants.share(origin, "fit-advice", fields=["shoe_size_eu"])
    job = prepare_pdf(demo_vault, None, tmp_path / "report.pdf")
    headings = [block for block in job.blocks if isinstance(block, Block)]
    shares = [block for block in job.blocks if isinstance(block, str)]
    assert len(headings) == job.brands and len(shares) >= 2 * len(brands)
    assert not any(gc.is_tracked(block) for block in shares)


def test_where_each_block_goes_is_not_tracked_by_the_collector(qapp: object) -> None:
    """Where each block goes is a tuple of numbers, which the collector stops tracking at
    its next pass: as objects of a class, the places of 100,000 blocks were walked by every
    full pass for the minutes the PDF took."""
    blocks: list[BlockOrHtml] = [Block("<h2>A brand</h2>", images=("chart",))]
    blocks += [f"<p>Share {index}: a size, a colour.</p>" for index in range(50)]
    chart = QImage(4, 4, QImage.Format.Format_RGB32)
    places = list(_placements(blocks, _Typesetter("", lambda name: chart)))
    gc.collect()
    assert len(places) == len(blocks)
    assert not any(gc.is_tracked(where) for where in places)
