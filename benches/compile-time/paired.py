#!/usr/bin/env python3
"""The interleaved pass of the compile-time benchmark: paired ratios under a noisy machine.

    paired.py OUT_DIR ROUNDS MODE...

hyperfine measures one command's runs back to back, then the other's, so a burst of load from
another process lands on one crate only. Here every round builds each mode for both crates, one
right after the other, alternating which goes first, and the ratio is taken per pair: slow drifts
in the machine's load cancel out. Every build runs with `--timings`, whose report splits rustc's
time for the generated crate into `frontend` (parsing, macro expansion, type and borrow checking,
metadata) and `codegen` (MIR to LLVM IR, LLVM optimisation). Writes OUT_DIR/results/paired.json.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time

from modes import FLAVOURS, MODES, command_env


def unit_timing(target_dir: pathlib.Path, crate: str) -> dict | None:
    """The generated crate's row of the last `cargo build --timings` report."""
    report = target_dir / "cargo-timings" / "cargo-timing.html"
    try:
        text = report.read_text()
    except OSError:
        return None
    match = re.search(r"const UNIT_DATA = (\[.*?\n\]);", text, re.S)
    if not match:
        return None
    for unit in json.loads(match[1]):
        if unit["name"] == crate:
            sections = {name: span["end"] - span["start"] for name, span in unit.get("sections") or []}
            return {"duration": unit["duration"], **sections}
    return None


def build(out: pathlib.Path, flavour: str, mode: str) -> dict:
    crate_dir = out / f"{flavour}-events"
    argv, env = command_env(out, flavour, mode)
    (crate_dir / "src" / "lib.rs").touch()
    started = time.perf_counter()
    done = subprocess.run(
        argv + ["--timings"], cwd=crate_dir, env={**os.environ, **env}, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    wall = time.perf_counter() - started
    compiled = [line.split()[1] for line in done.stderr.splitlines() if line.split()[:1] in (["Compiling"], ["Checking"])]
    if compiled != [f"{flavour}-events"]:
        print(f"  warning: {flavour} {mode} compiled {compiled}, not only the generated crate", flush=True)
    return {"wall": wall, "rustc": unit_timing(out / f"target-{flavour}", f"{flavour}-events"), "compiled": compiled}


def summary(values: list[float]) -> dict:
    return {
        "mean": statistics.fmean(values),
        "stddev": statistics.stdev(values) if len(values) > 1 else 0.0,
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    rounds = int(sys.argv[2])
    modes = sys.argv[3:] or list(MODES)
    samples = {mode: {flavour: [] for flavour in FLAVOURS} for mode in modes}
    for r in range(rounds):
        order = FLAVOURS if r % 2 == 0 else FLAVOURS[::-1]
        for mode in modes:
            for flavour in order:
                sample = build(out, flavour, mode)
                samples[mode][flavour].append(sample)
                print(f"  round {r + 1}/{rounds} {mode:<14} {flavour:<8} {sample['wall']:6.2f} s", flush=True)

    results = {}
    for mode in modes:
        a, b = samples[mode]["tidings"], samples[mode]["serde"]
        ratios = [x["wall"] / y["wall"] for x, y in zip(a, b)]
        entry = {"ratio": summary(ratios), "samples": samples[mode]}
        for flavour in FLAVOURS:
            entry[flavour] = {"wall": summary([s["wall"] for s in samples[mode][flavour]])}
            for part in ("duration", "frontend", "codegen"):
                values = [s["rustc"][part] for s in samples[mode][flavour] if s["rustc"] and part in s["rustc"]]
                if values:
                    entry[flavour][part] = summary(values)
        results[mode] = entry
    path = out / "results" / "paired.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
