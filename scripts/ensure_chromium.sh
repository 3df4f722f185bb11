#!/usr/bin/env bash
# Make Debian's Chromium available at /usr/bin/chromium for the explorer's browser tests.
# Idempotent and quiet: does nothing when it is already installed. Never downloads a
# browser build of its own (no `playwright install`); it uses the distribution package.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "ensure_chromium: /usr/bin/chromium is missing and installing it needs root" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# apt's progress and debconf notices go to the log; it is shown only when a step fails.
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium; } \
        >"$log" 2>&1; then
    cat "$log" >&2
    echo "ensure_chromium: apt-get could not install chromium" >&2
    exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "ensure_chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
    exit 1
fi
