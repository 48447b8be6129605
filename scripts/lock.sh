#!/usr/bin/env bash
# Refresh the locked dependencies (requirements/*.txt) from pyproject.toml, then run the whole suite on them.
# The refresh is one commit: `scripts/lock.sh && git commit -am "Lock: ..." requirements/`.
#   scripts/lock.sh            newest versions that pyproject.toml allows
#   scripts/lock.sh --keep     only what pyproject.toml's changes need (uv keeps every other pin)
# uv resolves once for every platform and Python the kiosk supports (--universal), so the same files serve a
# Raspberry Pi and a PC, and it records the hashes of every file a pin may install.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/uv ] || scripts/setup.sh --tests
upgrade=(--upgrade); [ "${1:-}" = "--keep" ] && upgrade=()
compile=(.venv/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --no-header
  "${upgrade[@]}")
"${compile[@]}" pyproject.toml requirements/build.in -o requirements/kiosk.txt
"${compile[@]}" pyproject.toml requirements/build.in --extra test -c requirements/kiosk.txt -o requirements/tests.txt
rm -rf .venv  # a new environment from exactly the new files, as CI will make it
./run-tests
