#!/usr/bin/env bash
# Set up everything the kiosk needs on a Debian or Ubuntu machine; safe to run again (it skips what is done).
#   scripts/setup.sh          the kiosk
#   scripts/setup.sh --tests  the kiosk and the test tools
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: a Japanese font, the libraries Qt's window plugins load (X11, Wayland, offscreen),
# and the audio and speech-dispatcher libraries Qt's text-to-speech module links against.
DEB_PACKAGES=(
  fonts-noto-cjk fonts-dejavu-core
  libegl1 libgl1 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0
  libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 libwayland-client0 libwayland-cursor0 libwayland-egl1
  libpulse0 libpipewire-0.3-0 libspeechd2
)

python_ok() { "$1" -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; }
PYTHON=""
for candidate in python3 python3.13 python3.12 python3.11; do
  if command -v "$candidate" >/dev/null && python_ok "$candidate"; then PYTHON=$candidate; break; fi
done
[ -n "$PYTHON" ] || DEB_PACKAGES+=(python3 python3-venv)
# The tests also drive what a clinic runs beside the kiosk: Syncthing (the chain's sync engine), and read
# the handout PDF back with poppler (pdftotext, pdftoppm, pdffonts); systemd-analyze rates the unit's sandbox.
[ "${1:-}" = "--tests" ] && DEB_PACKAGES+=(syncthing poppler-utils systemd)
# ... and run the kiosk under the cage compositor's headless backend as the installed service does, with a
# screenshot by grim (Debian's cage 0.1.4 will not start without Xwayland).
[ "${1:-}" = "--tests" ] && DEB_PACKAGES+=(cage grim xwayland)
# ... and the front desk's page in a real browser: Debian's Chromium and its chromedriver (Selenium drives them).
[ "${1:-}" = "--tests" ] && DEB_PACKAGES+=(chromium chromium-driver)
# ... and `kiosk narrate` in English: eSpeak NG (Japanese comes from the pyopenjtalk-plus wheel of the test extra).
[ "${1:-}" = "--tests" ] && DEB_PACKAGES+=(espeak-ng)

missing=()
if command -v dpkg-query >/dev/null; then
  for package in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -n "$PYTHON" ] || PYTHON=python3

# Python packages in a virtual environment beside the code (no system-wide pip installs), exactly the versions
# and files locked in requirements/ (pip refuses any file whose hash differs): the same install tomorrow as today.
# scripts/lock.sh refreshes the lock. One stamp per lock: a tests install holds everything the kiosk needs, so
# `./run-kiosk` after `./run-tests` installs nothing, and neither deletes the other's stamp. pip's output (and
# setuptools' editable-install notice) goes to .venv/setup.log, shown only when it fails.
version=$(cat pyproject.toml requirements/build.in requirements/kiosk.txt requirements/tests.txt | sha1sum | cut -c1-12)
kiosk_stamp=".venv/.installed-$version"
tests_stamp="$kiosk_stamp-tests"
lock=requirements/kiosk.txt; stamp=$kiosk_stamp
[ "${1:-}" = "--tests" ] && lock=requirements/tests.txt && stamp=$tests_stamp
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PYTHON"
  "$PYTHON" -m venv .venv
fi
if [ ! -e "$stamp" ] && ! { [ "$lock" = requirements/kiosk.txt ] && [ -e "$tests_stamp" ]; }; then
  echo "setup: installing Python packages from $lock; log in .venv/setup.log"
  pip=(.venv/bin/python -m pip --disable-pip-version-check --quiet --require-virtualenv)
  # The kiosk itself is built with the locked setuptools (no build isolation, which would fetch the newest).
  if ! { "${pip[@]}" install --require-hashes -r "$lock" &&
    "${pip[@]}" install --no-deps --no-build-isolation -e .; } >.venv/setup.log 2>&1; then
    cat .venv/setup.log >&2
    echo "setup: installing Python packages failed (above, and in .venv/setup.log)" >&2
    exit 1
  fi
  # Byte-code for the kiosk's own modules, as pip makes for every installed package: a cold start then
  # reads ~45 modules instead of compiling them (~25 ms), even where PYTHONDONTWRITEBYTECODE is set.
  .venv/bin/python -m compileall -q kiosk
  # Stamps of other locks are stale; both of this one stay.
  find .venv -maxdepth 1 -name '.installed-*' ! -name ".installed-$version" ! -name ".installed-$version-tests" -delete
  touch "$stamp"
fi
