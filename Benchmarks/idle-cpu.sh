#!/usr/bin/env bash
# Idle CPU of the console: the real binary in a private tmux at 120x40, left alone for
# SECONDS (default 30), side by side with htop in the same tmux at the same size over the same
# seconds; CPU time of each from /proc/PID/task/*/schedstat (nanoseconds on the CPU, summed over
# the threads; /proc/PID/stat's ticks are 10 ms, too coarse for a process that is idle). Linux only.
# Usage: swift build -c release && Benchmarks/idle-cpu.sh [.build/release/quiqpay] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/release/quiqpay}")
seconds=${2:-30}
[[ -x $binary ]] || { echo "no binary at $binary: run swift build -c release first" >&2; exit 1; }
command -v htop >/dev/null || { echo "htop is missing: the console is measured side by side with it (apt-get install htop)" >&2; exit 1; }
socket="quiqpay-idle-$$"
work=$(mktemp -d)
source Benchmarks/tmux-pane.sh
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
tmux_ new-session -d -s idle -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
  "sh -c 'echo \$\$ > $work/pid; exec $binary'"
for _ in $(seq 100); do [[ -s $work/pid ]] && break; sleep 0.05; done
pid=$(cat "$work/pid")
wait_for idle SANDBOX 10
tmux_ new-session -d -s htop -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
  "sh -c 'echo \$\$ > $work/htop.pid; exec htop'"
for _ in $(seq 100); do [[ -s $work/htop.pid ]] && break; sleep 0.05; done
htop_pid=$(cat "$work/htop.pid")
sleep 2  # past start-up, both
source Benchmarks/thread-cpu.sh
echo "load: $(uptime | sed 's/.*load average/load average/')"
thread_ns "$pid" > "$work/quiqpay.before"; thread_ns "$htop_pid" > "$work/htop.before"; start=$(date +%s.%N)
sleep "$seconds"
thread_ns "$pid" > "$work/quiqpay.after"; thread_ns "$htop_pid" > "$work/htop.after"; end=$(date +%s.%N)
before=0 htop_before=0
after=$(cpu_between "$work/quiqpay.before" "$work/quiqpay.after"); htop_after=$(cpu_between "$work/htop.before" "$work/htop.after")
awk -v t=$((after - before)) -v h=$((htop_after - htop_before)) -v s="$start" -v e="$end" \
  'BEGIN { printf "idle CPU over %.1f s: quiqpay %.1f ms = %.3f%% of one core; htop beside it %.1f ms = %.3f%%; ratio %s\n",
           e - s, t / 1e6, 100 * t / 1e9 / (e - s), h / 1e6, 100 * h / 1e9 / (e - s), (h > 0 ? sprintf("%.2f", t / h) : "n/a") }'
