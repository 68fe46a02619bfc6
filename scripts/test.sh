#!/usr/bin/env bash
# Every check Greenroom has, in the order a failure is cheapest to find.
# Run through `./greenroom test`, which has already set up Node, yarn and the
# dependencies; CI (.ci/run) calls the same command.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

ensure_chromium() {
  if [ -x "${GREENROOM_CHROMIUM:-/usr/bin/chromium}" ]; then
    return
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "Chromium is needed for the browser tests: sudo apt-get install chromium" >&2
    exit 1
  fi
  step "Installing Chromium from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

ensure_chromium

step "Type check"
yarn tsc

step "Lint"
yarn backstage-cli repo lint

step "Formatting"
yarn prettier --check .

step "Unit tests"
CI=true node scripts/with-test-postgres.js yarn backstage-cli repo test

step "Build the app"
yarn workspace app build

step "Backend integration and browser tests"
yarn playwright test
