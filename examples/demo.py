# SPDX-License-Identifier: Apache-2.0
"""``make demo``: the story so far, told with the real CLIs and library.

1. Every Ignition config under ``examples/ignition`` is checked with ``ignition-validate``; the broken
   one shows what a user sees for each mistake (JSON path, line and column).
2. The NestOS base config (spec 3.0.0) is translated up to the user's version and merged with the
   user's config, as Ignition does at first boot; the merged config is printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nestos.core.run import run
from nestos.ignition.spec.merge import merge
from nestos.ignition.spec.parse import parse
from nestos.ignition.spec.serialize import to_json
from nestos.ignition.spec.translate import translate
from nestos.ignition.spec.types import Config

HERE = Path(__file__).resolve().parent
VALIDATE = Path(sys.executable).parent / "ignition-validate"


def step(title: str) -> None:
    print(f"\n\033[1m==> {title}\033[0m" if sys.stdout.isatty() else f"\n==> {title}")


def load(path: Path) -> Config:
    result = parse(path.read_bytes())
    if not result.ok or result.config is None:
        raise SystemExit(f"{path}: not a valid config:\n{result.report.render()}")
    return result.config


def main() -> int:
    step("ignition-validate on every example config")
    for path in sorted((HERE / "ignition").glob("*.ign")):
        res = run([VALIDATE, path], check=False)
        verdict = {0: "valid", 1: "INVALID"}.get(res.returncode, f"exit {res.returncode}")
        print(f"$ ignition-validate {path.relative_to(HERE.parent)}   # {verdict}")
        for line in (res.stdout + res.stderr).splitlines():
            print(f"    {line}")
        expected_bad = path.name.startswith("broken")
        if (res.returncode != 0) != expected_bad:
            print(f"unexpected verdict for {path.name}", file=sys.stderr)
            return 1

    step("merge the NestOS base config (3.0.0) with the user's config (3.4.0)")
    base = load(HERE / "ignition" / "00-base.ign")
    user = load(HERE / "ignition" / "webserver.ign")
    merged = merge(translate(base, user.spec), user)
    print(to_json(merged, pretty=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
