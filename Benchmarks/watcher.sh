#!/usr/bin/env bash
# Measures the PaymentWatcher following many pending payments: one full refresh cycle with the
# list endpoint and with per-payment reads (If-None-Match, 304s): wall time, requests per cycle,
# and the watcher process's CPU seconds per cycle (getrusage). The sandbox runs as its own
# release-built process, so the CPU figures are the watcher's alone.
# Usage: Benchmarks/watcher.sh [--payments 10000] [--cycles 3] [--concurrency 16]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product quiqpay
binary=.build/release/quiqpay
home=$(mktemp -d)
source Benchmarks/sandbox-process.sh
trap 'stop_sandbox; rm -rf "$home"' EXIT
start_sandbox "$binary" "$home"
# A HOME of its own: no config.yaml, no QUIQ_SITE, a journal nobody else uses.
env -u QUIQ_SITE HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
  "$binary" bench watcher --credentials "$home/sandbox/sandbox.json" "$@"
