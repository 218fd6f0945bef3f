"""Demo mode: three real receivers, a scripted round trip, and nothing left behind."""

from __future__ import annotations

import html
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
import requests

from demo.run import Demo
from tests.support.vaults import PROJECT_ROOT
from vault.exchange.question_sensitivity import judge
from vault.exchange.transport import HttpTransport
from zpd.errors import RequestInvalid
from zpd.origin import canonical_origin


@pytest.fixture
def demo() -> Iterator[Demo]:
    running = Demo()
    running.start()
    yield running
    running.stop()


def page(url: str) -> str:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200
    return response.text


def held(demo: Demo, slug: str) -> dict[str, tuple[int, str, dict[str, object]]]:
    """What the brand's own database holds, read with the brand kit (`zpv-brand customers`)."""
    result = subprocess.run(
        [sys.executable, "-m", "brandkit", "customers", "--json",
         "--db", str(demo.root / slug / "receiver.sqlite3")],
        capture_output=True, text=True, timeout=30, cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    return {g["grant_id"]: (g["version"], g["status"], g["fields"])
            for c in json.loads(result.stdout) for g in c["grants"]}


@pytest.mark.slow
def test_the_three_brands_answer_and_a_round_trip_passes(demo: Demo) -> None:
    vault = demo.vault
    assert vault is not None
    vault.delivery.transport = HttpTransport(total_timeout=10)
    fair, greedy, expired = demo.brands[:3]
    for brand in demo.brands:
        assert "<script" not in page(brand.page).lower()
        assert requests.get(brand.address, timeout=10).status_code == 401, "no token, no page"

    button = re.search(r'id="share-button" href="([^"]+)"', page(fair.shop or ""))
    assert button is not None  # the presenter clicks it: the system hands the link over
    opened = vault.brands.open_link(html.unescape(button.group(1)))
    assert opened.result.brand.origin == fair.origin and opened.result.brand.domain_verified
    grant = vault.grants.share(fair.origin, opened.ask_id).grant
    vault.delivery.flush()
    assert held(demo, "trailworks") == {
        grant.id: (1, "active", {"shoe_size_eu": 42, "favourite_colours": ["navy", "green"]})
    }
    shown = page(fair.page + "&values=shown")
    assert "navy" in shown and "Alex" not in shown, "only what was shared reaches the brand"
    assert "navy" not in page(fair.page), "values are masked until shown"

    vault.fields.set("shoe_size_eu", 43)
    vault.delivery.flush()
    assert held(demo, "trailworks")[grant.id][:2] == (2, "active")
    assert held(demo, "trailworks")[grant.id][2]["shoe_size_eu"] == 43

    vault.grants.revoke(grant.id)
    vault.delivery.flush()
    assert held(demo, "trailworks")[grant.id][1:] == ("revoked", {})
    assert [status for _, status, _ in vault.delivery.receipts(grant.id)][-1] == "deleted"

    # Each brand asks a question of its own: the fair one a poll, answered and shared...
    [poll] = vault.brands.questions(fair.origin)
    assert (poll.key, len(poll.choices)) == ("q:terrain", 3)
    vault.answers.set(fair.origin, "q:terrain", "forest")
    answered = vault.grants.share(fair.origin, "trail-poll").grant
    vault.delivery.flush()
    assert held(demo, "trailworks")[answered.id] == (1, "active", {"q:terrain": "forest"})
    assert "Where do you hike most?" in page(fair.page + "&values=shown")

    vault.brands.fetch(greedy.origin)
    # ... the greedy one a health question it files as a preference: judged special.
    [health] = vault.brands.questions(greedy.origin)
    judgement = judge(health)
    assert (judgement.declared, judgement.judged) == ("low", "special")
    assert judgement.mismatched
    wellness = vault.transparency.balance_for_ask(greedy.origin, "wellness")
    assert wellness.fields[0].weight == 10 and wellness.verdict == "greedy"
    greedy_balance = vault.transparency.balance_for_ask(greedy.origin, "rewards")
    fair_balance = vault.transparency.balance_for_ask(fair.origin, "fit-advice")
    assert greedy_balance.verdict == "greedy" and fair_balance.verdict == "fair"
    with pytest.raises(RequestInvalid) as refused:
        vault.brands.fetch(expired.origin)
    assert refused.value.reason == "expired"


def test_stop_leaves_no_process_or_file(tmp_path: Path) -> None:
    demo = Demo(root=tmp_path / "demo")
    demo.start()
    processes = [brand.process for brand in demo.brands]
    demo.stop()
    assert all(process.poll() is not None for process in processes)
    assert not (tmp_path / "demo").exists()


@pytest.mark.slow
@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_main_demo_prints_the_pages_and_cleans_up_on_a_signal(stop_signal: int) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [sys.executable, "main.py", "--demo"], cwd=PROJECT_ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None and process.stderr is not None
    try:
        out, err = Lines(process.stdout), Lines(process.stderr)
        lines = [out.next().split() for _ in range(3)]
        addresses, pages = [line[0] for line in lines], [line[1] for line in lines]
        for address, url in zip(addresses, pages, strict=True):
            assert address.startswith("http://127.0.0.1:") and address.endswith("/")
            assert url.startswith(address + "?token=")
            assert canonical_origin(address) == address.rstrip("/"), "what the vault imports"
            page(url)
        shops = [line[2] for line in lines if len(line) == 3]
        assert [len(line) for line in lines] == [3, 3, 2]  # the expired brand has no shop
        for address, shop in zip(addresses, shops, strict=False):
            assert shop == address + "shop"
            answer = requests.get(shop, timeout=10)
            assert answer.status_code == 200 and "zpd://share?request_uri=" in answer.text
        root = ""
        while not root:
            line = err.next()
            if line.startswith("Demo files (removed on exit): "):
                root = line.split(": ", 1)[1]
        assert Path(root).is_dir()
        process.send_signal(stop_signal)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    assert not Path(root).exists()
    for url in addresses:
        with pytest.raises(requests.ConnectionError):
            requests.get(url, timeout=2)


class Lines:
    """Lines of a child's stream, read on a thread, so a test can wait with a time limit."""

    def __init__(self, stream: IO[str]) -> None:
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.strip())

    def next(self) -> str:
        try:
            return self._queue.get(timeout=30)
        except queue.Empty:
            raise AssertionError("the demo said nothing in time") from None
