# SPDX-License-Identifier: Apache-2.0
"""Shared plumbing: running programs, errors and exit codes, logging, CLI entry wrapper.

``core`` imports nothing else of ours, so every component can use it.
"""
