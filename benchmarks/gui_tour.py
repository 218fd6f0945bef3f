"""A tour of the app on the large vault, with a heartbeat on the GUI thread all along.

    python -m benchmarks.gui_tour VAULT_DIR PASSPHRASE NOW LINK WORK_DIR   # one JSON document

Run by bench_large_vault in a fresh offscreen process, on a copy of the generated vault
(the tour shares and revokes) with a brand of benchmarks/loopback.py serving its request.
The real main window, its session and the thread pool do, as a person would:

- unlock: the passphrase typed into the unlock screen, key by key, and Unlock clicked,
  until the vault is open (the vault's own KDF parameters, as the generator made them);
- first paint: until the first page has painted with its rows and every load it started
  has settled;
- each page from the sidebar, in turn, until it shows its rows, and back to My data;
- a share link from the brand: fetched, imported, and the review open and ready;
- share: the review's Share, until the token is delivered to the brand;
- revoke: the new share chosen on Shared and revoked, until the brand is told;
- the transparency report of every brand exported, as HTML and as PDF;
- the language switched to Greek in Settings, and back to English.

A 5 ms heartbeat (tests/ui/heartbeat.py) records the longest gap between its beats in
each step, with what the GUI thread did in it (on a CPU, ready but not scheduled, asleep).
The vault's clock is frozen at the moment the vault was generated, as in gui_probe, so
nothing falls due in it; the brand's request was signed for that moment.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

BEAT_MS = 5
SETTLE_MS = 200  # after each step's own end, what it started arrives and is shown
STEP_TIMEOUT = 600.0


class CollectorWatch:
    """The longest pass of Python's cycle collector on the GUI thread since the last
    `take`, and its generation: a pass stops every thread, and a full one walks every
    object the process holds, so it shows in a gap as time on a CPU."""

    def __init__(self) -> None:
        self._thread = threading.get_ident()
        self._began = 0.0
        self._longest = (0.0, -1)

    def start(self) -> None:
        gc.callbacks.append(self._called)

    def stop(self) -> None:
        gc.callbacks.remove(self._called)

    def take(self) -> tuple[float, int]:
        longest, self._longest = self._longest, (0.0, -1)
        return longest

    def _called(self, phase: str, info: dict[str, int]) -> None:
        if threading.get_ident() != self._thread:
            return
        if phase == "start":
            self._began = time.perf_counter()
        elif (took := time.perf_counter() - self._began) > self._longest[0]:
            self._longest = (took, info["generation"])


def freeze_clock(now: int) -> None:
    """The unlock screen opens the vault with the system's clock; here, with `now`."""
    from vault.vault import Vault

    unlock = Vault.unlock.__func__  # type: ignore[attr-defined]

    def at_generation(cls: type[Vault], directory: Path, passphrase: str, *,
                      clock: Callable[[], int] = lambda: now,
                      accept_rollback: bool = False) -> Vault:
        return unlock(cls, directory, passphrase,  # type: ignore[no-any-return]
                      clock=clock, accept_rollback=accept_rollback)

    Vault.unlock = classmethod(at_generation)  # type: ignore[method-assign, assignment]


def main(directory: str, passphrase: str, now: int, link: str, work: str) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from tests.ui.heartbeat import Heartbeat
    from ui.collector import collect_on_gui_thread
    from ui.gil import hand_the_gil_over_quickly
    from ui.links.opener import LinkOpener
    from ui.main_window import ACTIVITY, BRANDS, MY_DATA, SETTINGS, SHARED, MainWindow
    from ui.preferences import IDLE_LOCK_MINUTES, Settings

    freeze_clock(now)
    app = QApplication(sys.argv[:1])  # kept alive for the tour
    collect_on_gui_thread(app)  # as the app does (ui/app.py)
    hand_the_gil_over_quickly()
    settings = Settings(QSettings(str(Path(work) / "settings.ini"), QSettings.Format.IniFormat))
    settings.set(IDLE_LOCK_MINUTES, 0)  # no input for minutes while the PDF is written
    window = MainWindow(Path(directory), settings)
    window.resize(1280, 800)
    window.show()
    opener = LinkOpener(window)

    def wait_until(predicate: Callable[[], bool], what: str,
                   timeout: float = STEP_TIMEOUT) -> None:
        deadline = time.perf_counter() + timeout
        loop = QEventLoop()
        failed: list[BaseException] = []

        def check() -> None:
            try:
                if predicate():
                    loop.quit()
            except Exception as error:  # e.g. a dialog deleted under the tour: stop there
                failed.append(error)
                loop.quit()

        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(check)
        timer.start()
        try:
            while not failed and not predicate():
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"the tour waited too long: {what}")
                loop.exec()
        finally:
            timer.stop()
        if failed:
            raise RuntimeError(f"the tour failed waiting for {what}") from failed[0]

    def settle(ms: int = SETTLE_MS) -> None:
        """Run the event loop for `ms`, then until the session's delivery is over."""
        until = time.perf_counter() + ms / 1000
        wait_until(lambda: time.perf_counter() >= until, "settling")
        wait_until(lambda: not window.session._flushing, "the delivery to finish")

    QTest.qWaitForWindowExposed(window)
    settle(100)

    heartbeat = Heartbeat(BEAT_MS)
    collector = CollectorWatch()
    steps: dict[str, dict[str, float]] = {}
    seconds: dict[str, float] = {}
    began = [time.perf_counter()]

    def step(name: str) -> None:
        """The step that just ended: its worst gap, and how long it took."""
        worst, worst_own = heartbeat.take()
        collected, generation = collector.take()
        steps[name] = {**asdict(worst), "own": worst_own.own, "collector": collected}
        seconds[name] = time.perf_counter() - began[0]
        began[0] = time.perf_counter()
        print(f"{name}: {steps[name]['seconds'] * 1000:.1f} ms ({worst.describe()}; the most "
              f"the app held it: {worst_own.own * 1000:.1f} ms; the longest collector pass "
              f"on it: {collected * 1000:.1f} ms, generation {generation}) in "
              f"{seconds[name]:.2f} s", file=sys.stderr, flush=True)

    heartbeat.start()
    collector.start()
    began[0] = time.perf_counter()

    # -- unlock, typed ----------------------------------------------------------------------
    unlock = window.welcome.unlock_page
    QTest.keyClicks(unlock.secret, passphrase, delay=20)
    unlock.unlock_button.click()
    wait_until(lambda: window.vault is not None, "the unlock")
    step("unlock")

    # -- first paint of the unlocked window ---------------------------------------------------
    area: Any = window.pages.currentWidget()
    my_data = area.page_at(MY_DATA)
    wait_until(lambda: my_data.table.model().rowCount() > 0, "My data's rows")
    QTest.qWaitForWindowExposed(window)
    settle()
    step("first paint after unlock")

    # -- each page from the sidebar ---------------------------------------------------------
    def has_rows(slot: int) -> Callable[[], bool]:
        def check() -> bool:
            page = area.page_at(slot)
            table = getattr(page, "table", None)
            return page is not None and (table is None or table.model().rowCount() > 0)
        return check

    for slot, name in ((BRANDS, "Brands"), (SHARED, "Shared"), (ACTIVITY, "Activity"),
                       (SETTINGS, "Settings"), (MY_DATA, "My data")):
        area.sidebar.setCurrentRow(slot)
        wait_until(has_rows(slot), f"{name}'s rows")
        settle()
        step(f"page: {name}")

    # -- a share link, its review -------------------------------------------------------------
    from ui.review.dialog import ShareReviewDialog

    opener.open(link)
    wait_until(lambda: isinstance(opener.open_dialog, ShareReviewDialog)
               and opener.open_dialog.share_button.isEnabled(), "the review")
    settle()
    step("import from a link")

    review = opener.open_dialog
    assert isinstance(review, ShareReviewDialog)
    review.share_button.click()
    wait_until(lambda: review.share_result is not None, "the share")
    assert review.share_result is not None
    grant_id = review.share_result.grant.id
    wait_until(lambda: opener.open_dialog is None, "the review to close")
    settle()
    step("share")

    # -- revoke it ----------------------------------------------------------------------------
    area.sidebar.setCurrentRow(SHARED)
    shared = area.page_at(SHARED)
    wait_until(lambda: shared.model.find(grant_id) >= 0, "the new share on Shared")
    shared.table.selectRow(shared.model.find(grant_id))
    shared.confirm = lambda *_args: True  # the person says yes
    shared.revoke_button.click()
    wait_until(lambda: shared.message.isVisible(), "the revocation")
    window.session.deliver()  # the page asked already; this waits for it to be over
    settle()
    step("revoke")

    # -- the transparency report --------------------------------------------------------------
    for kind in ("HTML", "PDF"):
        shared.report_button.click()
        dialog = shared.dialog
        assert dialog is not None
        (dialog.html if kind == "HTML" else dialog.pdf).setChecked(True)
        dialog.path_edit.setText(str(Path(work) / f"report.{kind.lower()}"))
        dialog.export_button.click()
        wait_until(lambda d=dialog: d.written is not None or d.message.isVisible(),  # type: ignore[misc]
                   f"the {kind} report")
        if dialog.written is None:
            raise RuntimeError(f"the {kind} report failed: {dialog.message.text()}")
        dialog.accept()
        settle()
        step(f"report ({kind})")

    # -- the language, and back ---------------------------------------------------------------
    area.sidebar.setCurrentRow(SETTINGS)
    settle()
    heartbeat.take()  # showing Settings again was measured above
    began[0] = time.perf_counter()
    for code, name in (("el", "Greek"), ("en", "English")):
        page: Any = window.pages.currentWidget().page_at(SETTINGS)  # type: ignore[attr-defined]
        page.language.setCurrentIndex(page.language.findData(code))
        settle()
        step(f"language: {name}")

    heartbeat.stop()
    collector.stop()
    window.lock()
    sizes = {kind: (Path(work) / f"report.{kind}").stat().st_size for kind in ("html", "pdf")}
    window.close()
    return {"steps": steps, "seconds": seconds, "beats": heartbeat.beats,
            "report_bytes": sizes, "load": os.getloadavg()}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4],
                          sys.argv[5])))
