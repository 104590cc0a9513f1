# SPDX-License-Identifier: Apache-2.0
"""``ignition-validate [FILE|-]``: check an Ignition config as the real tool does.

Output and exit codes follow Ignition's validator: nothing and 0 for a valid config; report lines
(``error|warning at $.path, line L col C: message``) on stdout, 0 when there are only warnings, 1 when
there is an error; ``couldn't parse config: ...`` on stderr and 1 when the text has no usable version.
A wrong command line exits 2 (Go's flag package does so for unknown flags; the original exits 1 for a
missing file argument, we keep 2 for every usage error).

Imports are kept to the minimum: this runs in boot-time scripts.
"""

from __future__ import annotations

import sys

USAGE = """Usage:
  ignition-validate config.ign [flags]

  -version
    \tprint the version of ignition-validate
"""


def main(argv: list[str] | None = None) -> int:
    from nestos.core.cli import run_main

    args = sys.argv[1:] if argv is None else argv
    return run_main("ignition-validate", lambda: _validate(args))


def _validate(args: list[str]) -> int:
    from nestos import __version__

    files: list[str] = []
    for a in args:
        if a in ("-version", "--version"):
            print(f"ignition-validate (nestos) {__version__}")
            return 0
        if a in ("-h", "-help", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if a.startswith("-") and a != "-":
            sys.stderr.write(f"flag provided but not defined: {a}\n{USAGE}")
            return 2
        files.append(a)
    if len(files) != 1:
        sys.stderr.write(USAGE)
        return 2
    try:
        if files[0] == "-":
            blob = sys.stdin.buffer.read()
        else:
            with open(files[0], "rb") as f:
                blob = f.read()
    except OSError as e:
        print(f"couldn't read config: {e.strerror}: {files[0]}", file=sys.stderr)
        return 1

    from nestos.ignition.spec.parse import parse

    result = parse(blob)
    if result.report:
        print(result.report.render())
    if result.report.fatal:
        return 1
    if result.problem is not None:
        print(f"couldn't parse config: {result.problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
