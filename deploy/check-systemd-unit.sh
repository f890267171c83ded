#!/usr/bin/env bash
# Checks deploy/incidentd.service with `systemd-analyze verify`, on a copy whose ExecStart runs the
# built binary so the command is checked for real. Any line about the unit fails the check, since
# verify reports unknown keys and bad values as warnings and still exits 0.
#   deploy/check-systemd-unit.sh path/to/incidentd [path/to/incidentd.service]
set -euo pipefail

binary=${1:?usage: check-systemd-unit.sh path/to/incidentd [path/to/incidentd.service]}
unit=${2:-$(dirname "$0")/incidentd.service}

command -v systemd-analyze >/dev/null || {
  echo "check-systemd-unit: systemd-analyze not found; install the systemd package" >&2
  exit 1
}
[ -x "$binary" ] || { echo "check-systemd-unit: $binary is not an executable" >&2; exit 1; }
[ -f "$unit" ] || { echo "check-systemd-unit: $unit not found" >&2; exit 1; }
binary=$(realpath "$binary")

grep -q '^ExecStart=/usr/local/bin/incidentd ' "$unit" || {
  echo "check-systemd-unit: $unit: expected ExecStart=/usr/local/bin/incidentd ..." >&2
  exit 1
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
copy="$scratch/incidentd.service"
sed "s|^ExecStart=/usr/local/bin/incidentd |ExecStart=$binary |" "$unit" >"$copy"

status=0
output=$(cd "$scratch" && systemd-analyze verify "$copy" 2>&1) || status=$?
problems=$(printf '%s\n' "$output" | grep -F 'incidentd' || true)
others=$(printf '%s\n' "$output" | grep -vF 'incidentd' | grep -v '^$' || true)
[ -z "$others" ] || printf 'check-systemd-unit: note (not about this unit): %s\n' "$others"
if [ "$status" -ne 0 ] || [ -n "$problems" ]; then
  echo "check-systemd-unit: systemd-analyze verify found problems in $unit (exit $status):" >&2
  printf '%s\n' "${problems:-$output}" >&2
  exit 1
fi
echo "check-systemd-unit: ok: systemd-analyze verify is clean for $unit"

# Informational: how exposed the service is by systemd's own measure (lower is better).
if exposure=$(cd "$scratch" && systemd-analyze security --offline=yes "$copy" 2>/dev/null); then
  printf '%s\n' "$exposure" | grep -F 'Overall exposure level' || true
else
  echo "check-systemd-unit: systemd-analyze security --offline skipped (needs systemd 250 or later)"
fi
