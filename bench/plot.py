"""Ack latency against offered rate, from ``results/ack_latency*.json``, as a PNG.

``python bench/plot.py`` writes ``results/ack_latency.png`` (needs matplotlib: ``pip install
-e '.[bench]'``): p50, p99 and p99.9 side by side, one line per server set-up, the band around
each line spanning the repetitions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
GOAL_MS = 10.0
GOAL_RATE = 2000.0

SERIES = (
    ("ack_latency", "bare", "bare endpoint", "tab:gray"),
    ("ack_latency", "sqlite", "SQLite FULL, worker on", "tab:blue"),
    ("ack_latency", "postgres", "PostgreSQL, worker on", "tab:green"),
    ("ack_latency_no_worker", "sqlite", "SQLite FULL, --no-worker", "tab:orange"),
)


def main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    loaded: dict[str, dict[str, Any]] = {}
    for name in {s[0] for s in SERIES}:
        path = RESULTS / f"{name}.json"
        if path.exists():
            loaded[name] = json.loads(path.read_text())
        # Lower rates measured separately (--name <name>_low) join the same lines.
        low = RESULTS / f"{name}_low.json"
        if low.exists() and name in loaded:
            for backend, by_rate in json.loads(low.read_text())["summary"].items():
                loaded[name]["summary"].setdefault(backend, {}).update(by_rate)
    fig, axes = plt.subplots(1, 3, figsize=(12, 4.2), dpi=110, sharey=True)
    for ax, (key, title) in zip(
        axes, (("p50_ms", "p50"), ("p99_ms", "p99"), ("p999_ms", "p99.9")), strict=True
    ):
        for name, backend, label, color in SERIES:
            by_rate = loaded.get(name, {}).get("summary", {}).get(backend)
            if not by_rate:
                continue
            rates = sorted(by_rate, key=float)
            xs = [float(r) for r in rates]
            ax.plot(
                xs,
                [by_rate[r][key]["median"] for r in rates],
                color=color,
                marker="o",
                markersize=3,
                label=label,
            )
            ax.fill_between(
                xs,
                [by_rate[r][key]["min"] for r in rates],
                [by_rate[r][key]["max"] for r in rates],
                color=color,
                alpha=0.15,
            )
        if key == "p99_ms":
            ax.plot([GOAL_RATE], [GOAL_MS], "r*", markersize=10, label="goal: p99 <= 10 ms at 2k/s")
        ax.set_title(f"ack latency {title}", fontsize=10)
        ax.set_yscale("log")
        ax.set_xlabel("offered events/s (open loop)")
        ax.grid(True, which="both", linewidth=0.3)
    axes[0].set_ylabel("ms from the scheduled send time (log)")
    axes[1].legend(fontsize=7, loc="upper left")
    fig.suptitle(
        "Signed unique events; server pinned to one core, load generator to the other", fontsize=9
    )
    fig.tight_layout()
    out = RESULTS / "ack_latency.png"
    fig.savefig(out)
    print(out)


if __name__ == "__main__":
    main()
