#!/usr/bin/env bash
# How often the console asks the platform, for one followed payment in each state: pending,
# opened (the customer is on the page), and nothing active (paid). The real binary in a private
# tmux at 120x40, on a `quiqpay sandbox` process of its own whose request log (one line per
# request) is counted over WINDOW seconds per state (default 30) and scaled to a minute.
# Usage: swift build -c release && Benchmarks/polling-rates.sh [.build/release/quiqpay] [window]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/release/quiqpay}")
window=${2:-30}
[[ -x $binary ]] || { echo "no binary at $binary: run swift build -c release first" >&2; exit 1; }
work=$(mktemp -d)
socket="quiqpay-rates-$$"
source Benchmarks/tmux-pane.sh
export HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
"$binary" sandbox --port 0 --data-dir "$work" --log-level info >"$work/sandbox.out" 2>&1 &
sandbox_pid=$!
trap 'tmux_ kill-server 2>/dev/null || true; kill $sandbox_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 200); do grep -q "Sandbox running at" "$work/sandbox.out" && break; sleep 0.05; done
file="$work/sandbox/sandbox.json"
base=$(jq -r .baseUrl "$file"); conversation=$(jq -r .conversationId "$file"); paymentKey=$(jq -r .paymentKey "$file")
agent="$(jq -r .keys.agent.identity "$file"):$(jq -r .keys.agent.secret "$file")"
client="$(jq -r .keys.client.identity "$file"):$(jq -r .keys.client.secret "$file")"
tmux_ new-session -d -s r -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
  -e XDG_DATA_HOME="$work/data" -e XDG_CONFIG_HOME="$work/config" "$binary --data-dir $work"
requests() { grep -cE ' (GET|POST|PUT|DELETE) /' "$work/sandbox.out" || true; }
# Counts the requests the console makes over the window (nothing else calls meanwhile).
rate() {
  local before after
  before=$(requests); sleep "$window"; after=$(requests)
  awk -v n=$((after - before)) -v w="$window" 'BEGIN { printf "%d requests in %d s = %.0f a minute", n, w, n * 60 / w }'
}
wait_for r 'SANDBOX.*connected' 30
echo "load: $(uptime | sed 's/.*load average/load average/')"
echo "nothing sent yet:  $(rate)"
tmux_ send-keys -t r n
wait_for r 'New payment'
tmux_ send-keys -t r -l "Polling rates"
tmux_ send-keys -t r Tab Tab
tmux_ send-keys -t r -l "4.20"
tmux_ send-keys -t r C-s
wait_for r 'What the customer will see'
tmux_ send-keys -t r Enter
wait_for r 'PENDING'
echo "followed, pending: $(rate)"
token=$(curl -sf -u "$agent" "$base/api/v1/messaging/conversations/$conversation/payment-requests" | jq -r '.items[0].token')
curl -sf -u "$client" "$base/api/v1/messaging/custom-interactions/$token" > /dev/null
wait_for r 'OPENED'
echo "followed, opened:  $(rate)"
curl -sf -u "$client" -H "X-Quiq-Payment-Key: $paymentKey" -H 'Content-Type: application/json' \
  -d '{"outcome":"success","transactionId":"rates"}' "$base/api/v1/messaging/custom-interactions/$token/reply" > /dev/null
wait_for r 'PAID'
echo "nothing active:    $(rate)"
[[ -n ${RATES_DEBUG:-} ]] && tail -40 "$work/sandbox.out" | grep -oE "(GET|POST|PUT) [^ ]+ [0-9]+" | sort | uniq -c
