"""The machine a benchmark ran on, as bullet lines for BENCHMARKS.md; shared by the reports."""

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
