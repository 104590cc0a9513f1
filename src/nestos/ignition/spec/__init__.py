# SPDX-License-Identifier: Apache-2.0
"""The Ignition config language, spec 3.0.0 to 3.7.0-experimental. Pure code: no I/O.

- :mod:`.versions`: the known spec versions.
- :mod:`.types` and :mod:`.schema`: typed models, one field table.
- :mod:`.parse` (with :mod:`.decode`, :mod:`.jsontext`): text to a config and a report.
- :mod:`.validate`: the real validator's rules.
- :mod:`.merge`, :mod:`.translate`, :mod:`.serialize`: combine configs, move them to newer versions,
  write them back as JSON in Go's field order.
"""
