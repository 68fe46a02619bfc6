#!/usr/bin/env bash
# Builds Greenroom's production backend, which serves the built app, into an
# output folder. The Dockerfile runs this script, and so does the production
# browser test (packages/app/e2e-tests/production):
#
#   scripts/build-production.sh [--reuse] <out>
#
#   <out>/skeleton  what `yarn workspaces focus --all --production` installs
#                   from: yarn, the root package.json and yarn.lock, and the
#                   package.json of every package the backend bundles
#   <out>/bundle    the built packages, the app among them, and the files the
#                   backend reads at run time (config, demo company,
#                   access control policy, scorecards, templates)
#
# Install the skeleton's production dependencies, copy the bundle over it, and
# run, as the image does:
#   NODE_ENV=production node packages/backend \
#     --config app-config.yaml --config app-config.production.yaml
#
# --reuse keeps <out> when it was built from the same sources (every file git
# does not ignore, edits included) and packages/app/dist is still the app it
# built (the development browser tests serve it); the browser test passes it.
set -euo pipefail

usage() {
  echo "usage: scripts/build-production.sh [--reuse] <out>" >&2
  exit 2
}

reuse=0
if [ "${1:-}" = --reuse ]; then
  reuse=1
  shift
fi
[ $# -eq 1 ] || usage
out="$(realpath -m "$1")"
cd "$(dirname "$0")/.."

# The files a build reads, as one hash: a build of other sources is stale.
sources_fingerprint() {
  git ls-files -z --cached --others --exclude-standard |
    { xargs -0 sha256sum 2>/dev/null || true; } | # a deleted file is not read
    sha256sum | cut -d' ' -f1
}

fingerprint_file="$out/sources.sha256"
fingerprint=""
if [ "$reuse" = 1 ]; then
  fingerprint="$(sources_fingerprint)"
  if [ -d "$out/skeleton" ] &&
    [ "$(cat "$fingerprint_file" 2>/dev/null)" = "$fingerprint" ] &&
    cmp -s packages/app/dist/index.html "$out/bundle/packages/app/dist/index.html"; then
    echo "build-production: $out is a build of the current sources; reusing it"
    exit 0
  fi
fi

start=$SECONDS
rm -rf "$out/skeleton" "$out/bundle" "$fingerprint_file"
mkdir -p "$out/skeleton" "$out/bundle"

# `backstage-cli package build` on the backend builds every package it
# depends on (the app, through its `app` dependency, with the app's own
# build), packs them as they would be published, and writes two archives.
yarn --cwd packages/backend build

tar xzf packages/backend/dist/skeleton.tar.gz -C "$out/skeleton"
cp package.json yarn.lock backstage.json .yarnrc.yml "$out/skeleton/"
# yarn itself (.yarnrc.yml's yarnPath) and whatever else of .yarn git keeps
mkdir "$out/skeleton/.yarn"
for dir in releases plugins patches; do
  if [ -d ".yarn/$dir" ]; then
    cp -R ".yarn/$dir" "$out/skeleton/.yarn/"
  fi
done

tar xzf packages/backend/dist/bundle.tar.gz -C "$out/bundle"
cp -R app-config.yaml app-config.production.yaml access-control demo scorecards templates \
  "$out/bundle/"

if [ -n "$fingerprint" ]; then
  echo "$fingerprint" >"$fingerprint_file"
fi
echo "build-production: built $out in $((SECONDS - start)) s"
