# SPDX-License-Identifier: Apache-2.0
"""The funnel every CLI ``main()`` goes through: our errors become one line and an exit code.

A traceback is printed only for unexpected errors, or for any error with ``--debug``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from nestos.core.errors import ExitCode, NestosError


def run_main(prog: str, body: Callable[[], int], *, debug: bool = False) -> int:
    """Call ``body`` and map what it raises to an exit code, printing one clear line."""
    try:
        return body()
    except NestosError as e:
        if debug:
            _print_traceback()
        print(f"{prog}: {e}", file=sys.stderr)
        return int(e.exit_code)
    except KeyboardInterrupt:
        print(f"{prog}: interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`| head`); nothing more to say.
        return int(ExitCode.FAILURE)
    except Exception:
        _print_traceback()
        print(
            f"{prog}: internal error (this is a bug; please report it with the trace above)", file=sys.stderr
        )
        return int(ExitCode.FAILURE)


def _print_traceback() -> None:
    import traceback  # costs ~10 ms at start-up; only needed when something went wrong

    traceback.print_exc()
