# Sourced by the benchmarks that need `quiqpay sandbox` in a process of its own.
# start_sandbox BINARY DATA_DIR: starts it on a free port with quiqpay's data folder DATA_DIR (the
# sandbox keeps DATA_DIR/sandbox/sandbox.json), sets $sandbox_pid, and returns once it says where it
# runs (its output is in DATA_DIR/sandbox.out). The caller stops it: stop_sandbox.
start_sandbox() {
  mkdir -p "$2"
  "$1" sandbox --port 0 --data-dir "$2" --log-level error >"$2/sandbox.out" 2>&1 &
  sandbox_pid=$!
  for _ in $(seq 200); do
    grep -q "Sandbox running at" "$2/sandbox.out" 2>/dev/null && return 0
    kill -0 "$sandbox_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "quiqpay sandbox did not start:" >&2
  cat "$2/sandbox.out" >&2
  return 1
}

stop_sandbox() {
  [[ -n ${sandbox_pid:-} ]] || return 0
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
}
