#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz) with clang in build-fuzz/ and runs each for a bounded
# time, two at a time; fails naming the harness and the input if any finds a crash, leak, timeout
# or OOM. The repo's seed corpus is copied, never written to.
#   deploy/run-fuzz.sh                    every harness, FUZZ_SECONDS (default 60) each
#   deploy/run-fuzz.sh fuzz_config ...    only those
#   FUZZ_JOBS=2                           harnesses run at once (one per core)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
build_dir=build-fuzz
all_harnesses=(fuzz_inbound fuzz_event_json fuzz_command_grammar fuzz_config fuzz_render
  fuzz_record_proof)
harnesses=("$@")
[ $# -gt 0 ] || harnesses=("${all_harnesses[@]}")

# clang and its libFuzzer runtime, only when missing (the same way as deploy/install-deps.sh).
missing=()
for p in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "run-fuzz: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
deploy/install-deps.sh

# Line tables only (-g1): enough to name the line of a crash, and faster to build than -g.
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -DINCIDENTD_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
cmake --build "$build_dir" -j "$(nproc 2>/dev/null || echo 2)" --target "${harnesses[@]}"

# One scratch directory per harness: its working corpus, its log, and any crash it finds.
runs="$build_dir/fuzz-runs"
rm -rf "$runs"
mkdir -p "$runs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

fuzz_one() {
  local name=$1 dir="$runs/$1"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  cp tests/fuzz/corpus/"$name"/* "$dir/corpus/" 2>/dev/null || true
  local start=$SECONDS status=0
  "$build_dir/fuzz/$name" "$dir/corpus" -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 -artifact_prefix="$dir/artifacts/" >"$dir/log" 2>&1 ||
    status=$?
  echo "$status $((SECONDS - start))" >"$dir/result"
}

running=0
for name in "${harnesses[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  echo "run-fuzz: $name for ${seconds}s"
  fuzz_one "$name" &
  running=$((running + 1))
done
wait || true

failed=()
for name in "${harnesses[@]}"; do
  dir="$runs/$name"
  read -r status elapsed <"$dir/result"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  corpus=$(find "$dir/corpus" -type f | wc -l)
  found=$(find "$dir/artifacts" -type f | head -1)
  verdict=ok
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    verdict="FAILED (exit $status${found:+, input $found}; log $dir/log)"
    failed+=("$name")
  fi
  printf '%-22s %10s runs %6s/s  corpus %5s  %4ss  %s\n' "$name" "${execs:-?}" \
    "$(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))" "$corpus" "$elapsed" "$verdict"
done

if [ ${#failed[@]} -gt 0 ]; then
  for name in "${failed[@]}"; do
    echo "run-fuzz: $name failed; the end of its log:" >&2
    tail -40 "$runs/$name/log" >&2
  done
  echo "run-fuzz: reproduce with: $build_dir/fuzz/<harness> <input>; add the input to tests/fuzz/corpus/<harness>/ once fixed" >&2
  exit 1
fi
