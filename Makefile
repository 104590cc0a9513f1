# SPDX-License-Identifier: Apache-2.0
# Two commands on a fresh Debian 12 machine, as root: `make demo` and `make test`.
# Both run `setup` first, which is idempotent.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian packages the tools and the tests need. Keep this list the single place for them.
APT_PACKAGES := python3-venv python3-gi gir1.2-ostree-1.0 ostree ignition time

.PHONY: setup apt venv test demo bench clean

setup: apt venv

apt:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "+ apt-get install $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || /usr/bin/python3 -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $@


test: setup
	$(VENV)/bin/pytest   # ruff, ruff format and mypy run inside it (tests/test_code_quality.py)

demo: setup
	$(PY) examples/demo.py

bench: setup
	$(PY) bench/ignition_validate.py

clean:
	rm -rf $(VENV) build src/*.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
