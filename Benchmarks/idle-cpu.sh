#!/usr/bin/env bash
# Idle CPU of the console: the real binary in a private tmux at 120x40, left alone for
# SECONDS (default 10); CPU time from /proc/PID/stat (utime + stime). Linux only.
# Usage: swift build -c release && Benchmarks/idle-cpu.sh [.build/release/quiqpay] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/release/quiqpay}")
seconds=${2:-10}
[[ -x $binary ]] || { echo "no binary at $binary: run swift build -c release first" >&2; exit 1; }
socket="quiqpay-idle-$$"
work=$(mktemp -d)
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
tmux_ new-session -d -s idle -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
  "sh -c 'echo \$\$ > $work/pid; exec $binary'"
for _ in $(seq 100); do [[ -s $work/pid ]] && break; sleep 0.05; done
pid=$(cat "$work/pid")
for _ in $(seq 100); do tmux_ capture-pane -t idle -p | grep -q SANDBOX && break; sleep 0.05; done
sleep 1  # past start-up
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
before=$(ticks); start=$(date +%s.%N)
sleep "$seconds"
after=$(ticks); end=$(date +%s.%N)
awk -v t=$((after - before)) -v hz="$hz" -v s="$start" -v e="$end" \
  'BEGIN { printf "idle CPU over %.1f s: %d ticks = %.3f%% of one core\n", e - s, t, 100 * t / hz / (e - s) }'
