"""The desktop app on a large vault, measured from inside its own process.

    python -m benchmarks.gui_probe VAULT_DIR PASSPHRASE NOW      # prints one JSON document

Run by bench_large_vault in a fresh process (QT_QPA_PLATFORM=offscreen) so
its resident memory is the GUI's alone. The main window runs as a person
uses it: real thread pool, the vault's own session, pages loading as they do
after an unlock. Every time is from the action that makes a view load to the
moment its first rows are in the model *and painted* (the table's viewport
repainted synchronously, so `data()` ran for every visible cell):

- opened: each main view cleared, shown and reloaded, as on unlock or when what
  it shows changed (median of several);
- at_unlock: from handing the unlocked vault to the window (every view starts
  loading at once, as after typing the passphrase) to each view's first rows
  (median of several unlocks);
- filters: a search in My data, a brand and a status on Shared, three kinds
  of activity;
- scrolled: each long list scrolled to its end a few pages (fetching as it
  goes), then the process's resident memory, and which Qt modules are loaded
  (bench_large_vault starts a bare window with the same ones, for its baseline);
- floors: a trivial SELECT of a page (200 rows) of each view's table through the
  vault's own connection, for scale.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPEATS = 7
SCROLL_PAGES = 5


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def more_to_fetch(model: Any) -> bool:
    """Whether a paging model has rows left in the vault (fetched or not yet)."""
    if hasattr(model, "has_more"):  # the Shared page's GrantsModel
        return bool(model.has_more)
    feed = getattr(model, "_feed", None)  # the Activity page's model
    return feed is not None and not feed.exhausted


def main(directory: str, passphrase: str, now: int) -> dict[str, object]:
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from ui.collector import collect_on_gui_thread
    from ui.gil import hand_the_gil_over_quickly
    from ui.main_window import MainWindow
    from vault.vault import Vault

    app = QApplication(sys.argv[:1])
    collect_on_gui_thread(app)  # as the app does (ui/app.py)
    hand_the_gil_over_quickly()
    window = MainWindow(Path(directory))
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    memory_before = rss_mb()

    def wait_until(predicate: Callable[[], bool], timeout: float = 30.0) -> None:
        """Run the event loop (the workers' results arrive through it) until true."""
        deadline = time.perf_counter() + timeout
        loop = QEventLoop()
        timer = QTimer()
        timer.setInterval(1)
        timer.timeout.connect(lambda: loop.quit() if predicate() else None)
        timer.start()
        while not predicate():
            if time.perf_counter() > deadline:
                raise TimeoutError("the view did not show its rows")
            loop.exec()
        timer.stop()

    vault = Vault.unlock(Path(directory), passphrase, clock=lambda: now)
    area = window.area
    pages = {
        "My data": window.my_data, "Brands": window.brands_page,
        "Shared": window.shared_page, "Activity": window.activity,
    }
    tables = {name: page.table for name, page in pages.items()}  # type: ignore[attr-defined]

    def shown(name: str) -> bool:
        return bool(tables[name].model().rowCount() > 0)

    def painted(name: str) -> None:
        app.processEvents()  # delayed layouts (column widths fitted to the rows...) run here
        tables[name].viewport().repaint()

    class FirstPaintWithRows(QObject):
        """When the table's viewport is first painted with rows in its model: the moment
        the event loop is back after that paint (the cells drawn and flushed)."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = name
            self.at: float | None = None
            self._seen = False
            tables[name].viewport().installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if (not self._seen and event.type() == QEvent.Type.Paint and shown(self.name)):
                self._seen = True
                QTimer.singleShot(0, self._painted)
            return False

        def _painted(self) -> None:
            self.at = time.perf_counter()

    # -- at unlock: every view loads at once; the one shown is timed to its first paint ----
    unlocks: dict[str, list[float]] = {name: [] for name in pages}
    first = True  # the first opens the vault unlocked above
    for _ in range(REPEATS):
        for name in pages:
            if not first:
                window.lock()
                app.processEvents()
                vault = Vault.unlock(Path(directory), passphrase, clock=lambda: now)
            first = False
            area.show_page(pages[name])
            app.processEvents()
            watch = FirstPaintWithRows(name)
            started = time.perf_counter()
            window.open_vault(vault)
            wait_until(lambda w=watch: w.at is not None)  # type: ignore[misc]
            assert watch.at is not None
            unlocks[name].append(watch.at - started)
            tables[name].viewport().removeEventFilter(watch)
            wait_until(lambda: all(shown(n) for n in pages))  # every view loaded, as before
            wait_until(lambda: not window.session._flushing)  # the delivery started on opening

    # -- each view opened anew ------------------------------------------------------------
    opened: dict[str, list[float]] = {name: [] for name in pages}
    for _ in range(REPEATS):
        for name, page in pages.items():
            page.clear()
            app.processEvents()
            area.show_page(page)
            started = time.perf_counter()
            page.reload()
            wait_until(lambda n=name: shown(n))  # type: ignore[misc]
            painted(name)
            opened[name].append(time.perf_counter() - started)

    # -- filters --------------------------------------------------------------------------
    filters: dict[str, list[float]] = {}

    def measure(label: str, page_name: str, act: Callable[[], None],
                done: Callable[[], bool]) -> None:
        area.show_page(pages[page_name])
        app.processEvents()
        started = time.perf_counter()
        act()
        wait_until(done)
        painted(page_name)
        filters.setdefault(label, []).append(time.perf_counter() - started)

    my_data = window.my_data
    shared = window.shared_page
    activity = window.activity
    grants_model = shared.model
    for _ in range(REPEATS):
        measure("My data: search", "My data", lambda: my_data.search.setText("shoe"),
                lambda: my_data.proxy.rowCount() > 0)
        my_data.search.clear()
        for label, combo, index in (("Shared: one brand", shared.brand_filter, 1),
                                    ("Shared: revoked", shared.status_filter, 3)):
            wanted = combo.itemData(index)
            reset = [False]
            connection = grants_model.modelReset.connect(lambda r=reset: r.__setitem__(0, True))

            def filtered(w: object = wanted, r: list[bool] = reset) -> bool:
                rows = grants_model.rows
                return r[0] and bool(rows) and all(
                    w in (g.grant.brand_origin, g.grant.status.value) for g in rows)

            measure(label, "Shared", lambda c=combo, i=index: c.setCurrentIndex(i), filtered)
            reset[0] = False
            combo.setCurrentIndex(0)
            wait_until(lambda r=reset: r[0] and grants_model.rowCount() > 0)
            grants_model.modelReset.disconnect(connection)
        for label, kind in (("Activity: grants", "grants"), ("Activity: backups", "backups"),
                            ("Activity: my data", "fields")):
            index = activity.filter.findData(kind)
            measure(label, "Activity", lambda i=index: activity.filter.setCurrentIndex(i),
                    lambda k=kind: activity.model.rowCount() > 0 and not activity.model.is_loading)
            activity.filter.setCurrentIndex(0)
            wait_until(lambda: activity.model.rowCount() > 0 and not activity.model.is_loading)

    # -- scrolled, then memory ------------------------------------------------------------
    for name in ("Shared", "Activity"):
        area.show_page(pages[name])
        table = tables[name]
        model = table.model()
        for _ in range(SCROLL_PAGES):
            count = model.rowCount()
            if not more_to_fetch(model):
                break  # a small vault: everything is shown
            table.scrollToBottom()
            app.processEvents()
            wait_until(lambda m=model, c=count: m.rowCount() > c, timeout=30)
            table.scrollTo(model.index(model.rowCount() - 1, 0),
                           QAbstractItemView.ScrollHint.PositionAtBottom)
    app.processEvents()
    rows_held = {name: tables[name].model().rowCount() for name in pages}
    memory_after = rss_mb()
    qt_modules = sorted(name for name in sys.modules
                        if name.startswith("PySide6.Qt") and name.count(".") == 1)

    # -- floors ---------------------------------------------------------------------------
    store = vault._store
    floors: dict[str, float] = {}
    for name, sql in (("My data", "SELECT * FROM field_values LIMIT 200"),
                      ("Brands", "SELECT * FROM brands LIMIT 200"),
                      ("Shared", "SELECT * FROM grants LIMIT 200"),
                      ("Activity", "SELECT * FROM audit LIMIT 200")):
        samples = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            store.query(sql)
            samples.append(time.perf_counter() - started)
        floors[name] = statistics.median(samples)

    window.close()
    return {
        "at_unlock": {n: statistics.median(v) for n, v in unlocks.items()},
        "at_unlock_max": {n: max(v) for n, v in unlocks.items()},
        "opened": {n: statistics.median(v) for n, v in opened.items()},
        "opened_max": {n: max(v) for n, v in opened.items()},
        "filters": {n: statistics.median(v) for n, v in filters.items()},
        "filters_max": {n: max(v) for n, v in filters.items()},
        "floors": floors,
        "rss_mb_window": memory_before,
        "rss_mb": memory_after,
        "rows_held": rows_held,
        "qt_modules": qt_modules,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
