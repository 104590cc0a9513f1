# SPDX-License-Identifier: Apache-2.0
"""Ignition: the config language (``spec``) and first-boot provisioning (``engine``, later)."""
