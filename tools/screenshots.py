"""Render every main screen and dialog offscreen: python -m tools.screenshots [OUT_DIR].

Both languages, from a sample vault whose brands answer in-process (no network):
OUT_DIR/en/*.png and OUT_DIR/el/*.png, and in the dark palette OUT_DIR/dark/*.png (English).
The README shows the English ones. Run on a real X
display (QT_QPA_PLATFORM=xcb, as tools/window_screenshots.py does under Xvfb), each picture
is the window as the screen shows it, frame and title bar included.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool  # noqa: E402
from PySide6.QtGui import QGuiApplication, QPixmap  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget  # noqa: E402

from demo.partner import Partner, offer  # noqa: E402
from tools.sample_vault import PASSPHRASE, SampleVault, build, close  # noqa: E402
from ui import i18n, style  # noqa: E402
from ui.app import app_icon  # noqa: E402
from ui.brands.import_request import ImportRequestDialog  # noqa: E402
from ui.links.back_dialog import BackToBrandDialog  # noqa: E402
from ui.links.open_dialog import OpenLinkDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.preferences import Settings  # noqa: E402
from ui.recovery_code import RecoveryCodeDialog  # noqa: E402
from ui.report.dialog import ReportDialog  # noqa: E402
from ui.review.dialog import ShareReviewDialog  # noqa: E402
from ui.settings.sync_setup import SetupDialog  # noqa: E402
from ui.shared.knows import KnowsDialog  # noqa: E402
from ui.shared.qr import QrDialog  # noqa: E402
from vault.leaks.alias_sources import SourceKind  # noqa: E402
from vault.leaks.maildir import Maildir  # noqa: E402
from vault.leaks.scan import scan  # noqa: E402
from vault.leaks.settings import mailbox_settings, source_settings  # noqa: E402
from vault.leaks.watcher import WatchState, WatchStatus  # noqa: E402
from vault.storage.keys import KdfParams  # noqa: E402
from vault.sync.joining import join  # noqa: E402
from vault.vault import Vault  # noqa: E402
from zpd.links import parse_link  # noqa: E402

SIZE = (1000, 680)


def settle(until: Callable[[], bool] | None = None, seconds: float = 5.0) -> None:
    """Let queued work finish (background tasks and their callbacks)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(20)
        QCoreApplication.processEvents()
        if until is None or until():
            if until is None and QThreadPool.globalInstance().activeThreadCount() == 0:
                # What a finished task left for later turns (ui/turns.py): a brand's
                # balance comes a turn after its details.
                QTest.qWait(50)
                if QThreadPool.globalInstance().activeThreadCount() == 0:
                    break
            if until is not None:
                break
    QCoreApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    settle()
    if not picture(widget).save(str(path)):
        raise OSError(f"could not write {path}")
    print(path)


def picture(widget: QWidget) -> QPixmap:
    """The widget as painted; on a real X display, its window as the screen shows it, with
    the frame the window manager draws around it (tools/window_screenshots.py)."""
    if QGuiApplication.platformName() != "xcb":
        return widget.grab()
    window = widget.window()
    window.raise_()
    window.activateWindow()
    settle(seconds=0.3)
    frame = window.frameGeometry()
    screen = window.screen()
    return screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())


def render(language: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    i18n.install(language)
    with tempfile.TemporaryDirectory(dir=Path.home()) as tmp:
        directory = Path(tmp) / "vault"
        window = MainWindow(directory, Settings())
        window.resize(*SIZE)
        window.show()
        tour = window.welcome.tour_page  # a computer without a vault: the tour first
        save(window, out / "tour.png")
        tour.skip_button.click()
        create = window.welcome.create_page
        create.passphrase.setText("sunflower")
        save(window, out / "create-vault.png")

        sample = build(directory, kdf=KdfParams(1024, 1, 1))
        vault = sample.vault
        code = "K7QMP-3XW9A-R2T8V-N4J6C-H5G1Z-E0B3Y"  # for the picture only; never stored
        window.welcome.code_page.show_code(code)
        window.welcome.setCurrentWidget(window.welcome.code_page)
        save(window, out / "recovery-code.png")

        passphrase_page = window.welcome.passphrase_page  # after an unlock with the code
        passphrase_page.form.passphrase.setText("saffron kettle")
        window.welcome.setCurrentWidget(passphrase_page)
        save(window, out / "new-passphrase.png")
        passphrase_page.form.clear()

        window.open_vault(vault)
        settle(lambda: window.my_data.model.rowCount() >= 40)
        save(window, out / "my-data.png")

        brands = window.brands_page
        window.area.show_page(brands)
        settle(lambda: brands.model.rowCount() >= 4)
        brands.select_origin(sample.origins["trailworks"])
        settle()
        save(window, out / "brands.png")

        for name, slug, ask in (("share-review-fair", "trailworks", "fit-advice"),
                                ("share-review-greedy", "megamart", "rewards"),
                                ("share-review-poll", "trailworks", "trail-poll"),
                                ("share-review-health-question", "megamart", "wellness")):
            dialog = ShareReviewDialog(window.session, sample.origins[slug], ask, window)
            dialog.resize(900, 720)
            dialog.show()
            settle(seconds=2)
            save(dialog, out / f"{name}.png")
            if dialog.balance_view is not None:  # the exchange and its balance, at the end
                dialog.scroll_area.verticalScrollBar().setValue(
                    dialog.scroll_area.verticalScrollBar().maximum())
                save(dialog, out / f"{name}-balance.png")
            dialog.reject()

        # A link from Trailworks' shop: the fetch under way, then, after the review, the
        # way back to the shop's page.
        link = ("zpd://share?request_uri=https%3A%2F%2Ftrailworks.example%2Fzpd%2Fvisit%2F"
                "q8Xw2mR4&ask=fit-advice")
        opening = OpenLinkDialog(window.session, link, parse_link(link), window)
        opening.show()
        opening.set_busy(opening.tr("Fetching the request from {0}...").format(
            "trailworks.example"))
        save(opening, out / "open-link.png")
        opening.set_busy(None)
        opening.reject()
        back = BackToBrandDialog("Trailworks", "https://trailworks.example/shop?visit=q8Xw2mR4",
                                 shared=True, parent=window)
        back.show()
        save(back, out / "back-to-brand.png")
        back.reject()

        importer = ImportRequestDialog(window.session, window)
        importer.show()
        save(importer, out / "import-request.png")
        importer.reject()

        shared = window.shared_page
        window.area.show_page(shared)
        settle(lambda: shared.model.rowCount() >= 3)
        save(window, out / "shared.png")

        shared.table.selectRow(shared.model.find(sample.grants["trailworks"]))
        shared.qr_button.click()
        settle(lambda: isinstance(shared.dialog, QrDialog) and shared.dialog.loaded)
        assert shared.dialog is not None
        shared.dialog.resize(700, 860)  # as on a real screen (the offscreen one is 800x600)
        save(shared.dialog, out / "qr-code.png")
        shared.dialog.reject()

        report = ReportDialog(window.session, sample.origins["trailworks"], "Trailworks", window)
        report.path_edit.setText("~/Documents/transparency-report-trailworks.pdf")
        report.show()
        save(report, out / "report.png")
        report.reject()

        knows = KnowsDialog(window.session, sample.origins["trailworks"], "Trailworks", window)
        knows.show()
        settle(seconds=2)
        save(knows, out / "knows.png")
        knows.reject()

        window.area.show_page(window.activity)
        settle()
        window.activity.findChild(QWidget, "verifyChainButton").click()  # type: ignore[union-attr]
        settle(seconds=2)
        save(window, out / "activity.png")

        window.area.show_page(window.settings_page)
        settle()
        scroll = window.settings_page.findChild(QScrollArea, "settingsScroll")
        assert scroll is not None
        scroll.ensureWidgetVisible(window.settings_page.aliases)  # the leak canaries, whole
        save(window, out / "settings.png")
        scroll.ensureWidgetVisible(window.settings_page.secrets)
        save(window, out / "settings-secrets.png")
        new_code = RecoveryCodeDialog("W4TQ8-MZ2KD-7XRPA-C9VHN-E3GJ6-B5Y1S", window.settings,
                                      window)  # for the picture only; never stored
        new_code.show()
        save(new_code, out / "new-recovery-code.png")
        new_code.discard()
        render_leaks(window, sample, Path(tmp), out)
        render_paused(window, sample, out)
        folder = render_sync(window, sample, Path(tmp), out)

        window.lock()
        unlock = window.welcome.unlock_page
        unlock.secret.setText("not the passphrase")
        unlock.unlock_button.click()
        settle(lambda: unlock.error.isVisible())
        save(window, out / "unlock-wrong-passphrase.png")
        window.close()
        close(sample)
        render_join(Path(tmp), folder, out)
        assert PASSPHRASE


def render_leaks(window: MainWindow, sample: SampleVault, tmp: Path, out: Path) -> None:
    """Settings › Leak canaries with a source and a mailbox kept, then a leak: a partner's
    offer to the café's alias, read from a local Maildir; its notice and its detail."""
    vault = sample.vault
    vault.leaks.set_source(source_settings(SourceKind.DOMAIN, domain="alex.example"))
    vault.leaks.set_mailbox(mailbox_settings("imap.mail.example", "alex@mail.example",
                                             "for the picture only", port=993))
    page = window.settings_page
    page.reload()
    settle(lambda: page.mailbox.kept is not None and page.alias_source.kept is not None)
    scroll = page.findChild(QScrollArea, "settingsScroll")
    assert scroll is not None
    scroll.ensureWidgetVisible(page.alias_source)
    save(window, out / "settings-alias-source.png")
    scroll.ensureWidgetVisible(page.mailbox)
    page.show_watch_status(WatchStatus(WatchState.IDLE))
    save(window, out / "settings-mailbox.png")

    (cafe,) = [a.alias for a in vault.aliases.all() if a.brand_origin == sample.origins["cafe"]]
    partner = Partner(tmp / "no-brand.sqlite3", tmp / "Maildir")
    partner.deliver(offer(cafe))
    watch = vault.leaks.watch_input()
    found = vault.leaks.record(scan(Maildir(partner.mailbox), watch.position, watch.canaries))
    window.leak_notice.show_leaks(found)
    save(window, out / "leak-notice.png")
    window.leak_notice.open_detail()
    dialog = window.leak_notice.dialog
    assert dialog is not None
    dialog.resize(860, 760)
    settle(lambda: dialog.leak is not None)
    dialog.signature.setText("Alex Example")
    dialog.draft_button.click()
    settle(lambda: dialog.draft.isVisible())
    save(dialog, out / "leak.png")
    dialog.reject()


def render_paused(window: MainWindow, sample: SampleVault, out: Path) -> None:
    """Shared, with Trailworks' grant paused and chosen: its state in words, and Resume."""
    shared = window.shared_page
    window.area.show_page(shared)
    grant_id = sample.grants["trailworks"]
    settle(lambda: shared.model.find(grant_id) >= 0)
    shared.table.selectRow(shared.model.find(grant_id))
    shared.pause_button.click()
    settle(lambda: (chosen := shared.selected()) is not None and chosen.grant.paused)
    save(window, out / "shared-paused.png")
def render_sync(window: MainWindow, sample: SampleVault, tmp: Path, out: Path) -> Path:
    """Settings › Devices syncing with two other computers: the laptop's newest file is
    awaited (one before it has not arrived), and a file of the workshop's was damaged on the
    way, so the status bar says there is a problem. Returns the folder."""
    folder = tmp / "Sync" / "vault"
    setup = SetupDialog(window)
    setup.folder.setText(str(folder))
    setup.name.setText("Desk")
    setup.passphrase.setText("for the picture only")
    setup.show()
    save(setup, out / "sync-setup.png")
    setup.reject()
    sample.vault.sync.setup(folder, PASSPHRASE, "Desk")
    laptop, _ = join(folder, tmp / "laptop", PASSPHRASE, device_name="Laptop")
    workshop, _ = join(folder, tmp / "workshop", PASSPHRASE, device_name="Workshop PC")
    sample.vault.sync.now()

    def new_file(device: Vault, key: str, value: object) -> Path:
        before = set(folder.glob("*.zps"))
        device.fields.set(key, value)
        device.sync.now()
        (written,) = set(folder.glob("*.zps")) - before
        return written

    new_file(laptop, "preferred_name", "Alex E.")
    new_file(laptop, "shoe_size_eu", 41).unlink()  # not synced here yet...
    new_file(laptop, "shoe_size_eu", 44)  # ...while the one after it is
    damaged = new_file(workshop, "preferred_name", "Alexandra")
    data = bytearray(damaged.read_bytes())
    data[-1] ^= 0x01
    damaged.write_bytes(bytes(data))
    laptop.lock()
    workshop.lock()
    window.sync_watch.restart()
    settle(lambda: window.sync_watch.status is not None)
    page = window.settings_page
    page.reload()
    settle(lambda: page.devices.model.rowCount() == 2)
    scroll = page.findChild(QScrollArea, "settingsScroll")
    assert scroll is not None
    scroll.ensureWidgetVisible(page.devices)
    save(window, out / "settings-devices.png")
    return folder


def render_join(tmp: Path, folder: Path, out: Path) -> None:
    """The welcome screen on a new computer: use the vault from the synced folder, first with
    a mistyped passphrase, then with the recovery code and this computer's passphrase."""
    window = MainWindow(tmp / "new-computer", Settings())
    window.resize(*SIZE)
    window.show()
    window.welcome.create_page.join_button.click()
    page = window.welcome.join_page
    page.folder.setText(str(folder))
    page.secret.setText("not the passphrase")
    page.join_button.click()
    settle(page.error.isVisible)
    save(window, out / "join-wrong-passphrase.png")
    page.with_code.setChecked(True)
    page.secret.setText("K7QMP-3XW9A-R2T8V-N4J6C-H5G1Z-E0B3Y")  # for the picture only
    page.new_passphrase.passphrase.setText("saffron kettle meadow")
    page.new_passphrase.repeat.setText("saffron kettle meadow")
    save(window, out / "join-with-recovery-code.png")
    window.close()


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setWindowIcon(app_icon())  # as the app sets it: real windows show it in their frame
    for language in ("en", "el"):
        render(language, out / language)
    style.follow_system(app, Qt.ColorScheme.Dark)  # as a system in dark mode gets it
    render("en", out / "dark")
    app.setPalette(app.style().standardPalette())
    i18n.install("en")
    del app


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
