#!/usr/bin/env bash
# Installs the Debian 12 packages incidentd needs to build and test, only those missing.
# Idempotent; runs apt-get update only when something must be installed. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost1.81-dev libssl-dev openssl
  nlohmann-json3-dev libsqlite3-dev libsqlitecpp-dev sqlite3
  catch2 libctemplate-dev libtomlplusplus-dev libcli11-dev libspdlog-dev
  python3 curl
  systemd python3-yaml  # deploy/check-*.sh: systemd-analyze verify, the Kubernetes manifests
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
