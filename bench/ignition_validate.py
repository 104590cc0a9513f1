# SPDX-License-Identifier: Apache-2.0
"""Whole-process cost of ``ignition-validate``: ours against Debian's (Go) and against bare Python.

Run it with the venv's Python::

    .venv/bin/python bench/ignition_validate.py [--runs N]

It writes a big config (2,000 files, 300 units, 50 users, spec 3.3.0, ~320 KB) and a small one to a
temporary directory, then measures wall time and peak RSS of whole processes, start-up included,
because that is what a boot-time script pays:

- ours: the venv's ``ignition-validate`` console script;
- go: ``/usr/bin/ignition-validate`` (Debian's Ignition 2.14);
- floor: the venv's ``python -c pass``, the least any Python tool can cost.

How, and why this way: every measurement happens in a fresh helper process started through
:func:`nestos.core.run.run`, so that no figure depends on what ran before in this process.

- Wall time: a tiny Python helper spawns the command (``os.posix_spawn``, output to /dev/null) and
  times spawn-to-reap with ``perf_counter_ns``. Process creation is included, which is the point;
  the helper's own start-up is not.
- Peak RSS: ``/usr/bin/time -f %M``. A Python helper cannot report it: the kernel carries the
  spawning process's high-water RSS over into the child's ``ru_maxrss`` at exec, so every figure would
  be at least the helper's own ~5 MB. GNU time's floor is ~1 MB, below anything measured here. Its
  elapsed time has only 10 ms resolution, hence the separate timing run.

The commands are run round-robin, after one untimed warm-up each (which also checks that both
validators accept the configs: a validator that fails would be timed doing something else).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from nestos.core.run import run

REPO = Path(__file__).resolve().parent.parent
GO_VALIDATE = Path("/usr/bin/ignition-validate")
GNU_TIME = Path("/usr/bin/time")

# Runs argv[1:] once and prints "<wall ns> <exit code>". Kept free of imports beyond os and time.
_TIMER = """\
import os, sys, time
null = os.open(os.devnull, os.O_RDWR)
actions = [(os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
start = time.perf_counter_ns()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=actions)
_, status, _ = os.wait4(pid, 0)
print(time.perf_counter_ns() - start, os.waitstatus_to_exitcode(status))
"""

GOAL_BIG = 1.0  # ours / go on the big config
GOAL_SMALL = 3.0  # ours / python -c pass on the small config


@dataclass
class Subject:
    """One command on one input, and its figures."""

    who: str
    config: str
    argv: list[str]
    wall_ms: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def time_once(argv: list[str]) -> tuple[float, int]:
    """Wall milliseconds and exit code of one run of ``argv``."""
    done = run([sys.executable, "-I", "-S", "-c", _TIMER, *argv], timeout=600)
    ns, rc = done.stdout.split()
    return int(ns) / 1e6, int(rc)


def peak_rss_once(argv: list[str]) -> tuple[int, int]:
    """Peak RSS (KiB) and exit code of one run of ``argv``."""
    done = run([GNU_TIME, "-f", "%x %M", *argv], check=False, timeout=600)
    rc, kib = done.stderr.strip().splitlines()[-1].split()
    return int(kib), int(rc)


def check(subject: Subject) -> None:
    """One untimed run: warms caches and says whether the command does what we time."""
    done = run(subject.argv, check=False, timeout=600)
    if done.returncode != 0 or done.stdout or done.stderr:
        first = (done.stdout + done.stderr).strip().splitlines()[:3]
        subject.failures.append(f"exit {done.returncode}: {' | '.join(first)}")


def measure(subjects: list[Subject], runs: int) -> None:
    for subject in subjects:
        check(subject)
    for i in range(runs):
        for subject in subjects:
            ms, rc = time_once(subject.argv)
            kib, rc2 = peak_rss_once(subject.argv)
            subject.wall_ms.append(ms)
            subject.rss_kib.append(kib)
            if (rc or rc2) and not subject.failures:
                subject.failures.append(f"exit {rc or rc2} in run {i + 1}")
        if sys.stderr.isatty():
            print(f"\rrun {i + 1}/{runs}", end="", file=sys.stderr, flush=True)
    if sys.stderr.isatty():
        print(file=sys.stderr)


def report(subjects: list[Subject], runs: int) -> None:
    print(f"ignition-validate, whole process, {runs} runs each (median / min)\n")
    header = ("command", "config", "wall median", "wall min", "RSS median", "RSS min")
    print("{:<10} {:<7} {:>12} {:>10} {:>11} {:>9}".format(*header))
    for s in subjects:
        print(
            f"{s.who:<10} {s.config:<7} {statistics.median(s.wall_ms):>9.1f} ms {min(s.wall_ms):>7.1f} ms"
            f" {statistics.median(s.rss_kib) / 1024:>7.1f} MiB {min(s.rss_kib) / 1024:>5.1f} MiB"
        )
    for s in subjects:
        for failure in s.failures:
            print(f"WARNING: {s.who} on {s.config} config: {failure}")
    by = {(s.who, s.config): statistics.median(s.wall_ms) for s in subjects}
    print()
    ratio(by[("ours", "big")] / by[("go", "big")], GOAL_BIG, "ours / go, big config")
    ratio(by[("ours", "small")] / by[("python", "-")], GOAL_SMALL, "ours / python -c pass, small config")


def ratio(value: float, goal: float, what: str) -> None:
    verdict = "met" if value <= goal else "MISSED"
    print(f"{what:<40} {value:5.2f}x   goal <= {goal:.1f}x: {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default 10)")
    parser.add_argument(
        "--ours",
        type=Path,
        default=Path(sys.executable).parent / "ignition-validate",
        help="our console script (default: next to this Python)",
    )
    parser.add_argument("--go", type=Path, default=GO_VALIDATE, help="the real ignition-validate")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    for tool in (args.ours, args.go, GNU_TIME):
        if not tool.is_file():
            print(f"bench: {tool} not found (ours: pip install -e .; the others: apt install ignition time)")
            return 2

    sys.path.insert(0, str(REPO))
    from tests.ignition.configgen import big_config, small_config

    with tempfile.TemporaryDirectory(prefix="bench-ignition-") as tmp:
        big, small = Path(tmp, "big.ign"), Path(tmp, "small.ign")
        big.write_text(json.dumps(big_config("3.3.0", files=2000, units=300, users=50)))
        small.write_text(json.dumps(small_config("3.3.0")))
        print(
            f"configs: big {big.stat().st_size / 1024:.0f} KiB, small {small.stat().st_size} bytes\n",
            flush=True,
        )
        subjects = [
            Subject("ours", "big", [str(args.ours), str(big)]),
            Subject("go", "big", [str(args.go), str(big)]),
            Subject("ours", "small", [str(args.ours), str(small)]),
            Subject("go", "small", [str(args.go), str(small)]),
            Subject("python", "-", [sys.executable, "-c", "pass"]),
        ]
        measure(subjects, args.runs)
    report(subjects, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
