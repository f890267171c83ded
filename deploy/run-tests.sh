#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite with ctest.
#   deploy/run-tests.sh              Release-with-debug-info build in build/
#   deploy/run-tests.sh --sanitize   ASan + UBSan build in build-asan/
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
  build_dir=build-asan
  # Line tables only (-g1): all a sanitizer's stack trace needs, and a quarter less compile time
  # than full -g for a Beast-heavy file (slack/socket_link.cpp under ASan: 130 s -> 99 s).
  cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DINCIDENTD_SANITIZE=ON)
fi

deploy/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
cmake --build "$build_dir" -j "$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Two more tests than cores: the fault matrix's long rows (started first, by their COST) spend
# most of a minute waiting out a Slack outage, and the short suites fill the cores meanwhile.
ctest --test-dir "$build_dir" --output-on-failure -j "$((jobs + 2))" --timeout 300
