# SPDX-License-Identifier: Apache-2.0
"""Logging set-up for the CLIs: plain ``level: message`` lines on stderr."""

from __future__ import annotations

import logging
import sys


def setup_logging(*, debug: bool = False, verbose: bool = False) -> None:
    """Configure the root logger once, for a CLI process."""
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
