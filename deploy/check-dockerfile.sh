#!/usr/bin/env bash
# Checks deploy/Dockerfile without a Docker engine: the runtime stage installs exactly the Debian
# packages that hold the binary's shared libraries (no more, no less), and has USER, HEALTHCHECK, VOLUME.
#   deploy/check-dockerfile.sh path/to/incidentd [path/to/Dockerfile]
set -euo pipefail

binary=${1:?usage: check-dockerfile.sh path/to/incidentd [path/to/Dockerfile]}
dockerfile=${2:-$(dirname "$0")/Dockerfile}

# Packages debian:12-slim already holds (priority required), so the runtime stage need not list them.
base_packages=(libc6 libgcc-s1 libstdc++6 zlib1g)
# Packages the binary needs without linking them: the CA store OpenSSL's default verify paths read.
non_library_packages=(ca-certificates)

failures=0
fail() {
  echo "check-dockerfile: $*" >&2
  failures=$((failures + 1))
}
contains() {
  local needle=$1
  shift
  local item
  for item in "$@"; do [ "$item" = "$needle" ] && return 0; done
  return 1
}

[ -x "$binary" ] || { echo "check-dockerfile: $binary is not an executable" >&2; exit 1; }
[ -f "$dockerfile" ] || { echo "check-dockerfile: $dockerfile not found" >&2; exit 1; }

# The runtime stage is everything after the last FROM, one instruction per line (continuations joined).
runtime_stage=$(awk '
  /^[[:space:]]*#/ { next }
  { line = line $0 }
  /\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, " ", line); next }
  { print line; line = "" }
' "$dockerfile" | awk 'toupper($1) == "FROM" { stage = "" } { stage = stage $0 "\n" } END { printf "%s", stage }')

# Words after `apt-get install` in RUN instructions, options dropped, up to the next && ; or |.
mapfile -t listed < <(printf '%s' "$runtime_stage" | grep -E '^[[:space:]]*RUN[[:space:]]' |
  sed -E 's/&&|;|\|/\n/g' | grep -E 'apt-get[[:space:]]+(-[^[:space:]]+[[:space:]]+)*install' |
  sed -E 's/.*[[:space:]]install[[:space:]]//' | tr -s ' \t' '\n' | grep -vE '^(-|$)' | sort -u)
[ ${#listed[@]} -gt 0 ] || fail "the runtime stage installs no packages with apt-get install"

# Every shared library of the binary, as ldd resolved it, mapped to the package that ships it.
mapfile -t libraries < <(ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
[ ${#libraries[@]} -gt 0 ] || fail "ldd found no shared libraries in $binary"
needed=()
for library in "${libraries[@]}"; do
  # dpkg knows a file by the path its package installed it at; with merged /usr that may be either.
  owner=""
  for candidate in "$library" "$(readlink -f "$library")" "/usr$library" "${library#/usr}"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  if [ -z "$owner" ]; then
    fail "no Debian package ships $library (ldd of $binary); the image could not provide it"
    continue
  fi
  contains "$owner" "${needed[@]}" || needed+=("$owner")
done

for package in "${needed[@]}"; do
  contains "$package" "${base_packages[@]}" && continue
  contains "$package" "${listed[@]}" ||
    fail "the runtime stage does not install $package, which the binary needs (ldd)"
done
for package in "${listed[@]}"; do
  contains "$package" "${non_library_packages[@]}" && continue
  if contains "$package" "${base_packages[@]}"; then
    fail "the runtime stage installs $package, which debian:12-slim already has"
  elif ! contains "$package" "${needed[@]}"; then
    fail "the runtime stage installs $package, which the binary does not link"
  fi
done
for package in "${non_library_packages[@]}"; do
  contains "$package" "${listed[@]}" || fail "the runtime stage does not install $package"
done

for instruction in USER HEALTHCHECK VOLUME; do
  printf '%s' "$runtime_stage" | grep -qiE "^[[:space:]]*${instruction}[[:space:]]" ||
    fail "the runtime stage has no $instruction instruction"
done
user=$(printf '%s' "$runtime_stage" | awk 'toupper($1) == "USER" { u = $2 } END { print u }')
case "$user" in
  root | 0 | root:* | 0:*) fail "the runtime stage runs as root (USER $user)" ;;
esac

if command -v hadolint >/dev/null; then
  hadolint "$dockerfile" || fail "hadolint found problems"
else
  echo "check-dockerfile: hadolint skipped: not on PATH (not packaged in Debian 12; install its release binary to lint)"
fi

if [ "$failures" -gt 0 ]; then
  echo "check-dockerfile: $failures problem(s) in $dockerfile" >&2
  exit 1
fi
echo "check-dockerfile: ok: runtime stage installs ${listed[*]}; binary needs ${needed[*]}"
