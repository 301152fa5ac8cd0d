#!/usr/bin/env bash
# The supervisor board against a sandbox holding N non-terminal payments (default 10,000).
# 1. starts `quiqpay sandbox` (its own process, on disk in a temp dir) and seeds it through the
#    API in parallel with `quiqpay bench board`, which also times the first table and refresh
#    cycles in-process;
# 2. runs the real `quiqpay board` in a private tmux at 120x40 and measures: time from launch
#    to the first full table (the totals line shows the count), console CPU between refreshes
#    (refresh interval set to 60 s with `-`, then left alone), and resident memory (VmRSS).
# Usage: swift build -c release && Benchmarks/board.sh [.build/release/quiqpay] [payments]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/release/quiqpay}")
payments=${2:-10000}
idle_seconds=${IDLE_SECONDS:-10}
[[ -x $binary ]] || { echo "no binary at $binary: run swift build -c release first" >&2; exit 1; }
work=$(mktemp -d)
socket="quiqpay-board-$$"
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
source Benchmarks/sandbox-process.sh
trap 'tmux_ kill-server 2>/dev/null || true; stop_sandbox; rm -rf "$work"' EXIT
start_sandbox "$binary" "$work"
"$binary" bench board --credentials "$work/sandbox/sandbox.json" --payments "$payments"

now() { date +%s.%N; }
start=$(now)
tmux_ new-session -d -s board -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
  -e XDG_DATA_HOME="$work/data" -e XDG_CONFIG_HOME="$work/config" \
  "sh -c 'echo \$\$ > $work/pid; exec $binary board --readonly --data-dir $work'"
count=$(echo "$payments" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta')
for _ in $(seq 1000); do tmux_ capture-pane -t board -p | grep -q "$count active" && break; sleep 0.01; done
shown=$(now)
pid=$(cat "$work/pid")
tmux_ capture-pane -t board -p | grep -q "$count active" || { echo "the board never showed $count payments:" >&2; tmux_ capture-pane -t board -p >&2; exit 1; }
for _ in 1 2 3 4; do tmux_ send-keys -t board -; done  # refresh every 60 s
sleep 3  # let a refresh in flight finish
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); t0=$(now)
sleep "$idle_seconds"
after=$(ticks); t1=$(now)
rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
echo "quiqpay board (separate process) at $payments payments:"
awk -v a="$start" -v b="$shown" 'BEGIN { printf "  launch to first full table  %.2f s\n", b - a }'
awk -v t=$((after - before)) -v hz="$hz" -v s="$t0" -v e="$t1" \
  'BEGIN { printf "  CPU between refreshes       %.2f%% of one core over %.0f s\n", 100 * t / hz / (e - s), e - s }'
echo "  resident memory             $rss MB"
