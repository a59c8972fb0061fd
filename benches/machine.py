"""What the benchmark reports share: the machine a benchmark ran on (bullet lines for
BENCHMARKS.md), criterion's version, durations, callgrind.sh's counts, and writing a generated block."""

from __future__ import annotations

import os
import pathlib
import platform
import re
import subprocess


def run(*argv: str) -> str:
    """What a command prints, or `unknown`."""
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine(root: pathlib.Path, tool: str) -> list[str]:
    """The CPU, cores, memory, OS, toolchain (and `tool`, a version) and the commit measured."""
    model = "unknown CPU"
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    memory = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", pathlib.Path("/proc/meminfo").read_text())[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, TypeError):
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    rustc = run("rustc", "--version")
    return [
        f"- Machine: {model}, {cores} cores{memory}, {platform.system()} {platform.release()}",
        f"- Toolchain: {rustc}; {run('cargo', '--version')}; {tool}",
        f"- tidings: the working tree at commit {run('git', '-C', str(root), 'rev-parse', '--short', 'HEAD')}",
    ]


def criterion_version(root: pathlib.Path) -> str:
    """The criterion version in the workspace's Cargo.lock."""
    lock = (root / "Cargo.lock").read_text()
    for package in lock.split("[[package]]"):
        if 'name = "criterion"' in package:
            return "criterion " + package.split('version = "', 1)[1].split('"', 1)[0]
    return "criterion (version unknown)"


def duration(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns >= 1000 else f"{ns:.0f} ns"


def callgrind_counts(path: str | pathlib.Path | None) -> dict[tuple[str, str], int]:
    """Instructions per (operation, size) from what `callgrind.sh` prints; none without a path."""
    found = {}
    if path:
        for line in pathlib.Path(path).read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():
                found[(parts[0], parts[1])] = int(parts[2])
    return found


def write_block(report: str, begin: str, end: str, section: str, figures: str) -> None:
    """Puts `figures` between the `begin` and `end` markers of `report` (appended under a
    `section` heading if it has none); `-` prints them instead."""
    if report == "-":
        print(figures)
        return
    path = pathlib.Path(report)
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    if begin not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n## {section}\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{figures}\n{end}{tail}")
