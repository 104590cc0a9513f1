# SPDX-License-Identifier: Apache-2.0
"""nestos: the NestOS immutable container OS tool stack.

One package, one subpackage per component (see ARCHITECTURE.md in the shared plan): ``core`` holds
the shared plumbing, ``ignition`` the config language and first-boot provisioning, and the later
components (butane, rpmostree, installer, zincati, afterburn, ...) join beside them.
"""

__version__ = "0.1.0"
