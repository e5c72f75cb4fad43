"""``byline bench``: the fast variant runs end to end and reports every figure.

Never a timed assertion: the figures vary with the machine; what is checked is that each
is measured (finite, positive), carries its target, and that pass/fail follows from them.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.bench.figures import Figure

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parent.parent
EXPECTED = {
    "annotation throughput": (0.90, "higher"),
    "first screen": (1.2, "lower"),
    "cached open": (50.0, "lower"),
    "interaction": (16.0, "lower"),
    "memory: annotating": (350.0, "lower"),
    "memory: showing": (350.0, "lower"),
}


@pytest.fixture(scope="module")
def quick_report(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    home = tmp_path_factory.mktemp("bench")
    env = {
        **os.environ,
        "BYLINE_CACHE_DIR": str(home / "cache"),
        "BYLINE_DB": str(home / "library.db"),
        "BYLINE_CONFIG": str(home / "config.toml"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tui", "bench", "--quick", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_quick_bench_reports_every_figure_with_its_target(quick_report: dict[str, Any]) -> None:
    figures = {f["name"]: f for f in quick_report["figures"]}
    assert set(figures) == set(EXPECTED)
    for name, (target, better) in EXPECTED.items():
        figure = figures[name]
        assert math.isfinite(figure["value"]) and figure["value"] > 0, figure
        assert (figure["target"], figure["better"]) == (target, better)
        assert figure["unit"]
        assert isinstance(figure["detail"], dict) and figure["detail"]
        holds = figure["value"] >= target if better == "higher" else figure["value"] <= target
        assert figure["passed"] is holds
    assert quick_report["passed"] is all(f["passed"] for f in figures.values())
    assert quick_report["quick"] is True


def test_quick_bench_says_what_machine_it_measured(quick_report: dict[str, Any]) -> None:
    machine = quick_report["machine"]
    assert machine["cores"] >= 1
    assert machine["python"]


def test_throughput_detail_separates_parse_from_rules(quick_report: dict[str, Any]) -> None:
    figure = next(f for f in quick_report["figures"] if f["name"] == "annotation throughput")
    detail = figure["detail"]
    assert detail["words"] >= 2000
    assert 0 <= detail["rules_share_of_engine_time"] < 1
    ratio = detail["engine_words_per_second"] / detail["raw_words_per_second"]
    assert ratio == pytest.approx(figure["value"], rel=0.02)


def test_figure_passes_by_direction() -> None:
    assert Figure("x", 0.95, "×", 0.9, "higher").passed
    assert not Figure("x", 0.85, "×", 0.9, "higher").passed
    assert Figure("x", 12.0, "ms", 16.0, "lower").passed
    assert not Figure("x", 17.0, "ms", 16.0, "lower").passed
    assert Figure("x", 16.0, "ms", 16.0, "lower").to_dict()["passed"] is True
