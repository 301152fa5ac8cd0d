#!/usr/bin/env bash
# Measures the sandbox: GET /api/v1/messaging/custom-interactions/{token} against GET /healthz on
# the same running sandbox, at a fixed 500 req/s and at the maximum rate, from a load generator on
# loopback. The sandbox runs as its own release-built process; `quiqpay bench sandbox` drives it.
# Usage: Benchmarks/sandbox.sh [--seconds 5] [--rate 500] [--concurrency 16]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product quiqpay
binary=.build/release/quiqpay
work=$(mktemp -d)
source Benchmarks/sandbox-process.sh
trap 'stop_sandbox; rm -rf "$work"' EXIT
start_sandbox "$binary" "$work"
"$binary" bench sandbox --credentials "$work/sandbox/sandbox.json" "$@"
