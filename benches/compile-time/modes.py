#!/usr/bin/env python3
"""The measured builds of the compile-time benchmark, shared by run.sh, paired.py and report.py.

    modes.py list                    the mode names, one a line
    modes.py command OUT FLAVOUR MODE  the shell command hyperfine runs

Every build of a generated crate uses its own `CARGO_TARGET_DIR` (OUT/target-FLAVOUR), `--frozen`
(the lockfile is written once, before measuring, and no network is touched), and a profile of its
own per mode, so that switching modes never rebuilds a dependency: `dev-full` is `dev` without
incremental compilation (what a clean build of the crate costs), `dev` keeps it (what an edit-build
loop costs after touching the file).
"""

from __future__ import annotations

import pathlib
import shlex
import sys

FLAVOURS = ("tidings", "serde")

# name: (cargo arguments, what it stands for)
MODES = {
    "check": (["check", "--profile", "dev-full"], "`cargo check`, not incremental"),
    "debug": (["build", "--profile", "dev-full"], "`cargo build` (dev profile), not incremental"),
    "debug-incr": (["build"], "`cargo build` (dev profile), incremental, after `touch`"),
    "release": (["build", "--release"], "`cargo build --release`"),
    "release-codec": (
        ["build", "--release", "--features", "codec"],
        "`cargo build --release` with an encode and a decode call per event",
    ),
}


def command_env(out: pathlib.Path, flavour: str, mode: str) -> tuple[list[str], dict[str, str]]:
    args, _ = MODES[mode]
    argv = ["cargo", *args, "--frozen", "--manifest-path", str(out / f"{flavour}-events" / "Cargo.toml")]
    return argv, {"CARGO_TARGET_DIR": str(out / f"target-{flavour}")}


def shell_command(out: pathlib.Path, flavour: str, mode: str) -> str:
    argv, env = command_env(out, flavour, mode)
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    return f"{assignments} {shlex.join(argv[:1] + ['-q'] + argv[1:])}"


if __name__ == "__main__":
    if sys.argv[1:2] == ["list"]:
        print("\n".join(MODES))
    elif sys.argv[1:2] == ["command"]:
        print(shell_command(pathlib.Path(sys.argv[2]), sys.argv[3], sys.argv[4]))
    else:
        sys.exit(__doc__)
