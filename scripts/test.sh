#!/usr/bin/env bash
# Every check Greenroom has, in the order a failure is cheapest to find, or one
# of them: ./greenroom test [stage [files or patterns…]] (see usage below).
# Run through `./greenroom test`, which has already set up Node, yarn and the
# dependencies; CI (.ci/run) calls the same command with no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat >&2 <<'EOF'
usage: ./greenroom test [stage [files or patterns…]]
  (no stage)  every stage below, in this order
  types       type check (tsc; takes no files)
  lint        ESLint (files: just those)
  format      Prettier (files: just those)
  generated   generated code is up to date (when the repo has openapi:check)
  unit        unit tests (files/patterns: passed to `backstage-cli repo test`)
  e2e         backend integration and browser tests (Playwright), the
              production test among them
  backend     app build, then the backend integration tests only
  browser     app build, then the development portal's browser tests only
  production  the production build (NODE_ENV=production) in the browser:
              single sign-on through an OpenID Connect provider, people from
              Debian's slapd; its global setup builds the bundle and the app
  Files for e2e/backend/browser/production go to `playwright test`, e.g.
  ./greenroom test e2e packages/app/e2e-tests/app.test.ts
EOF
}

step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }
fail() { printf '\n\033[1;31m%s\033[0m\n' "$*" >&2; exit 1; }

chromium() { echo "${GREENROOM_CHROMIUM:-/usr/bin/chromium}"; }

# Succeeds when the browser the browser tests drive is there, installing
# Debian's Chromium first when it is missing and this runs as root.
have_chromium() {
  if [ -x "$(chromium)" ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || [ -n "${GREENROOM_CHROMIUM:-}" ]; then
    return 1
  fi
  step "Installing Chromium from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$(chromium)" ]
}

no_chromium() {
  fail "The browser tests need Chromium at $(chromium), which is missing.
Install it (sudo apt-get install chromium), or set GREENROOM_CHROMIUM to the
path of a Chromium or Chrome binary, then run: ./greenroom test browser"
}

# Succeeds when Debian's OpenLDAP server, which the production test starts, is
# there, installing it first when it is missing and this runs as root.
have_slapd() {
  if [ -x /usr/sbin/slapd ] && [ -x /usr/sbin/slapadd ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    return 1
  fi
  step "Installing slapd from Debian's packages"
  # No directory of the package's own: the test starts its own servers.
  echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils >/dev/null
  [ -x /usr/sbin/slapd ]
}

no_slapd() {
  fail "The production browser test needs Debian's OpenLDAP server (slapd), which is
missing. Install it (sudo apt-get install slapd ldap-utils), then run:
./greenroom test production"
}

# Succeeds when Debian's HAProxy, which the replica tests put in front of
# their servers, is there, installing it first when it is missing and this
# runs as root.
have_haproxy() {
  if [ -x /usr/sbin/haproxy ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    return 1
  fi
  step "Installing haproxy from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  [ -x /usr/sbin/haproxy ]
}

no_debian_servers() {
  fail "The unit tests start Debian's OpenLDAP server (slapd) and HAProxy, and one is
missing. Install them (sudo apt-get install slapd ldap-utils haproxy), then run:
./greenroom test unit"
}

has_root_script() {
  node -e 'process.exit(require("./package.json").scripts?.[process.argv[1]] ? 0 : 1)' "$1"
}

types() {
  [ $# -eq 0 ] || fail "The type check runs on the whole repository; it takes no files (got: $*)."
  step "Type check"
  yarn tsc
}

lint() {
  step "Lint"
  if [ $# -eq 0 ]; then
    yarn backstage-cli repo lint
  else
    yarn backstage-cli package lint "$@"
  fi
}

format() {
  step "Formatting"
  if [ $# -eq 0 ]; then
    yarn prettier --check .
  else
    yarn prettier --check "$@"
  fi
}

# The place for checks that generated files match their sources: a root
# `openapi:check` script, when the repository has one.
generated() {
  [ $# -eq 0 ] || fail "The generated-code check runs on the whole repository; it takes no files (got: $*)."
  if has_root_script openapi:check; then
    step "Generated code"
    yarn openapi:check
  fi
}

unit() {
  { have_slapd && have_haproxy; } || no_debian_servers
  step "Unit tests"
  CI=true node scripts/with-test-postgres.js yarn backstage-cli repo test "$@"
}

build_app() {
  step "Build the app"
  yarn workspace app build
}

# Playwright with the given arguments. The development backend serves the
# built app: when the production test runs, its global setup, which runs
# first, builds the app with the production bundle; otherwise it is built here.
playwright() {
  local title="$1"
  shift
  if needs_production "$@"; then
    have_slapd || no_slapd
  else
    build_app
  fi
  step "$title"
  yarn playwright test "$@"
}

# The production test runs when nothing narrows the run, or when a project or
# file names it.
needs_production() {
  local arg prev="" narrowed=0
  for arg in "$@"; do
    case "$prev:$arg" in
      --project:production | *:--project=production) return 0 ;;
      *:packages/app/e2e-tests/production*) return 0 ;;
      --project:* | *:--project=*) narrowed=1 ;;
      *:-*) ;;
      *) narrowed=1 ;;
    esac
    prev="$arg"
  done
  [ "$narrowed" = 0 ]
}

# Only the backend project (--project backend, or files under packages/backend)
# runs without a browser; anything else, or no file at all, needs one.
needs_browser() {
  local arg prev="" backend_only=0
  for arg in "$@"; do
    case "$prev:$arg" in
      --project:backend | *:--project=backend) backend_only=1 ;;
      --project:* | *:--project=*) return 0 ;;
      *:-*) ;;
      *:packages/backend/*) backend_only=1 ;;
      *) return 0 ;;
    esac
    prev="$arg"
  done
  [ "$backend_only" = 0 ]
}

e2e() {
  if ! needs_browser "$@"; then
    playwright "Backend integration tests" "$@"
  elif have_chromium; then
    playwright "Backend integration and browser tests" "$@"
  elif [ $# -eq 0 ]; then
    playwright "Backend integration tests" --project backend
    no_chromium
  else
    no_chromium
  fi
}

backend() { playwright "Backend integration tests" --project backend "$@"; }

browser() {
  have_chromium || no_chromium
  playwright "Browser tests" --project app "$@"
}

production() {
  have_chromium || no_chromium
  playwright "Production browser test" --project production "$@"
}

all() {
  types
  lint
  format
  generated
  unit
  e2e
}

stage="${1:-}"
[ $# -eq 0 ] || shift
case "$stage" in
  "") all ;;
  types | lint | format | generated | unit | e2e | backend | browser | production) "$stage" "$@" ;;
  -h | --help | help) usage ;;
  *)
    echo "Unknown test stage '$stage'." >&2
    usage
    exit 2
    ;;
esac
