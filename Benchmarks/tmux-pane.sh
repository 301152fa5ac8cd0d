# Sourced by the benchmarks that drive the real binary in a private tmux server.
# Needs $socket set first (one tmux server per run, so nothing else is on it).
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
now() { date +%s%N; }
# wait_for SESSION REGEX [SECONDS]: polls the pane until it matches the extended regex
# (no sleeps: capture-pane takes ~2 ms); shows the pane and exits 1 after SECONDS (default 20).
wait_for() {
  local session=$1 pattern=$2 deadline=$(( $(date +%s%N) + ${3:-20} * 1000000000 ))
  until tmux_ capture-pane -t "$session" -p | grep -qE -- "$pattern"; do
    (( $(now) < deadline )) || { echo "timed out waiting for $pattern" >&2; tmux_ capture-pane -t "$session" -p >&2; exit 1; }
  done
}
