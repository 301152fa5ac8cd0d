#!/usr/bin/env bash
# The supervisor board against one sandbox holding 10,000, then 100,000 non-terminal payments
# (one run: the second size is seeded on top of the first), and the ratio of the two.
# For each size:
# 1. seeds `quiqpay sandbox` (its own process, on disk in a temp dir) through the API in
#    parallel with `quiqpay bench board`, which also times in-process (the console's side) the
#    first table, unchanged refreshes (and their requests) and a refresh after 100 changes;
# 2. times the sandbox's side over one connection (Benchmarks/board-sandbox.py: every page of
#    the list, the changes feed's full pass and unchanged call) and reads its resident memory;
# 3. runs the real `quiqpay board` in a private tmux at 120x40 and measures: time from launch
#    to the first full table (the totals line shows the count), console CPU between refreshes
#    (refresh interval set to 60 s with `-`, then left alone for IDLE_SECONDS, default 30; from
#    /proc/PID/task/*/schedstat, nanoseconds) side by side with htop's, run in the same tmux at the same size over the same seconds, and
#    resident memory (VmRSS).
# Usage: swift build -c release && Benchmarks/board.sh [.build/release/quiqpay] [sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/release/quiqpay}")
shift || true
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000)
idle_seconds=${IDLE_SECONDS:-30}
command -v htop >/dev/null || { echo "htop is missing: the idle CPU is measured side by side with it (apt-get install htop)" >&2; exit 1; }
[[ -x $binary ]] || { echo "no binary at $binary: run swift build -c release first" >&2; exit 1; }
work=$(mktemp -d)
socket="quiqpay-board-$$"
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
source Benchmarks/sandbox-process.sh
trap 'tmux_ kill-server 2>/dev/null || true; stop_sandbox; rm -rf "$work"' EXIT
start_sandbox "$binary" "$work"
now() { date +%s.%N; }
rss_of() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
declare -A first_table launch sandbox_list rss_board

for payments in "${sizes[@]}"; do
  echo "== $payments payments"
  echo "load: $(uptime | sed 's/.*load average/load average/')"
  "$binary" bench board --credentials "$work/sandbox/sandbox.json" --payments "$payments" | tee "$work/bench.out"
  first_table[$payments]=$(awk '/first full table/ {print $4}' "$work/bench.out")

  echo "sandbox (separate process) at $payments payments:"
  python3 Benchmarks/board-sandbox.py "$work/sandbox/sandbox.json" | tee "$work/sandbox.bench"
  sandbox_list[$payments]=$(awk '/list, every page/ {print $4}' "$work/sandbox.bench")
  echo "  resident memory               $(rss_of "$sandbox_pid") MB"

  start=$(now)
  tmux_ new-session -d -s board -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
    -e XDG_DATA_HOME="$work/data" -e XDG_CONFIG_HOME="$work/config" \
    "sh -c 'echo \$\$ > $work/pid; exec $binary board --readonly --data-dir $work'"
  count=$(echo "$payments" | sed -e ':a' -e 's/\B[0-9]\{3\}\>/,&/' -e 'ta')
  for _ in $(seq 6000); do tmux_ capture-pane -t board -p | grep -q "$count active" && break; sleep 0.01; done
  shown=$(now)
  pid=$(cat "$work/pid")
  tmux_ capture-pane -t board -p | grep -q "$count active" || { echo "the board never showed $count payments:" >&2; tmux_ capture-pane -t board -p >&2; exit 1; }
  for _ in 1 2 3 4; do tmux_ send-keys -t board -; done  # refresh every 60 s
  tmux_ new-session -d -s htop -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
    "sh -c 'echo \$\$ > $work/htop.pid; exec htop'"
  for _ in $(seq 100); do [[ -s $work/htop.pid ]] && break; sleep 0.05; done
  htop_pid=$(cat "$work/htop.pid")
  sleep 3  # let a refresh in flight finish, and htop start
  # Nanoseconds on the CPU from each thread's schedstat (/proc/PID/stat's 10 ms ticks give a
  # handful in 15 s, too coarse to tell the board from htop), as a delta per thread: a worker
  # thread that decoded the first table and then exits while idle takes its whole past with it
  # from a plain sum.
  source Benchmarks/thread-cpu.sh
  thread_ns "$pid" > "$work/board.before"; thread_ns "$htop_pid" > "$work/htop.before"; t0=$(now)
  sleep "$idle_seconds"
  thread_ns "$pid" > "$work/board.after"; thread_ns "$htop_pid" > "$work/htop.after"; t1=$(now)
  before=0 htop_before=0
  after=$(cpu_between "$work/board.before" "$work/board.after"); htop_after=$(cpu_between "$work/htop.before" "$work/htop.after")
  tmux_ kill-session -t htop
  rss=$(rss_of "$pid")
  rss_board[$payments]=$rss
  launch[$payments]=$(awk -v a="$start" -v b="$shown" 'BEGIN { printf "%.2f", b - a }')
  echo "quiqpay board (separate process) at $payments payments:"
  echo "  launch to first full table  ${launch[$payments]} s"
  awk -v t=$((after - before)) -v h=$((htop_after - htop_before)) -v s="$t0" -v e="$t1" \
    'BEGIN { printf "  CPU between refreshes       %.3f%% of one core over %.0f s (%.1f ms); htop beside it %.3f%% (%.1f ms); ratio %s\n", 100 * t / 1e9 / (e - s), e - s, t / 1e6, 100 * h / 1e9 / (e - s), h / 1e6, (h > 0 ? sprintf("%.2f", t / h) : "n/a") }'
  echo "  resident memory             $rss MB"
  tmux_ kill-session -t board
done

if [[ ${#sizes[@]} -ge 2 ]]; then
  small=${sizes[0]} large=${sizes[-1]}
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "n/a" }'; }
  echo "== $large payments against $small ($(ratio "$small" "$large") times the payments):"
  echo "  first table, in process     $(ratio "${first_table[$small]}" "${first_table[$large]}") times as long (${first_table[$small]} s, ${first_table[$large]} s)"
  echo "  launch to first full table  $(ratio "${launch[$small]}" "${launch[$large]}") times as long (${launch[$small]} s, ${launch[$large]} s)"
  echo "  board's resident memory     $(ratio "${rss_board[$small]}" "${rss_board[$large]}") times as much (${rss_board[$small]} MB, ${rss_board[$large]} MB)"
  echo "  sandbox, every page         $(ratio "${sandbox_list[$small]}" "${sandbox_list[$large]}") times as long"
fi
