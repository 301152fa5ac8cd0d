#!/usr/bin/env bash
# Measures the sandbox: GET /api/v1/messaging/custom-interactions/{token} against GET /healthz on
# the same running sandbox, at a fixed 500 req/s and at the maximum rate, from a load generator on
# loopback. The sandbox runs as its own release-built process; `quiqpay bench sandbox` drives it.
# Usage: Benchmarks/sandbox.sh [--seconds 5] [--rate 500] [--concurrency 16]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product quiqpay
binary=.build/release/quiqpay
data=$(mktemp -d)
"$binary" sandbox --port 0 --data-dir "$data" --log-level error >"$data/stdout" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 100); do
  grep -q "Sandbox running at" "$data/stdout" 2>/dev/null && break
  sleep 0.1
done
"$binary" bench sandbox --credentials "$data/sandbox.json" "$@"
