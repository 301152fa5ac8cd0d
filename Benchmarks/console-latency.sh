#!/usr/bin/env bash
# Latency of the agent console on its embedded sandbox, as a user sees it, in one run:
#   send:  Enter on Send in the preview -> the short link on screen (create + render)
#   paid:  the Client's reply returns   -> PAID on screen (watcher poll + render), replied once the
#          console shows the payment opened (the customer on the page, polled every 250 ms)
# The real binary in a private tmux at 120x40; the Client's reads and replies are curl calls
# per API.md with the keys of DATA/sandbox/sandbox.json. Prints the median of N (default 20).
# Usage: swift build -c release && Benchmarks/console-latency.sh [.build/release/quiqpay] [N]
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/release/quiqpay}")
runs=${2:-20}
[[ -x $binary ]] || { echo "no binary at $binary: run swift build -c release first" >&2; exit 1; }
socket="quiqpay-latency-$$"
work=$(mktemp -d)
source Benchmarks/tmux-pane.sh
trap 'tmux_ kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
tmux_ new-session -d -s b -x 120 -y 40 -e LANG=C.UTF-8 -e TERM=xterm-256color -e HOME="$work" \
  -e XDG_DATA_HOME="$work/data" -e XDG_CONFIG_HOME="$work/config" "$binary"
wait_for b 'SANDBOX.*connected' 30
file="$work/data/quiqpay/sandbox/sandbox.json"
base=$(jq -r .baseUrl "$file"); conversation=$(jq -r .conversationId "$file"); paymentKey=$(jq -r .paymentKey "$file")
agent="$(jq -r .keys.agent.identity "$file"):$(jq -r .keys.agent.secret "$file")"
client="$(jq -r .keys.client.identity "$file"):$(jq -r .keys.client.secret "$file")"
sends=(); paids=()
for i in $(seq "$runs"); do
  tmux_ send-keys -t b n
  wait_for b 'New payment'
  tmux_ send-keys -t b -l "Benchmark payment $i"
  tmux_ send-keys -t b Tab Tab
  tmux_ send-keys -t b -l "1.$(printf %02d "$i")"
  tmux_ send-keys -t b C-s
  wait_for b 'What the customer will see'
  t0=$(now); tmux_ send-keys -t b Enter
  wait_for b "Short link .*/p/"
  t1=$(now); sends+=($(( (t1 - t0) / 1000 )))
  token=$(curl -sf -u "$agent" "$base/api/v1/messaging/conversations/$conversation/payment-requests" \
    | jq -r '.items | max_by(.createdAt) | .token')
  curl -sf -u "$client" "$base/api/v1/messaging/custom-interactions/$token" > /dev/null
  # The customer is on the page (opened) while they type the card: the reply comes after the
  # console has seen that, as it does in the flow, not in the same millisecond as the read.
  wait_for b ' OPENED '
  # ... and at a moment of its own, not in step with the console's polls (seeing OPENED happens
  # just after one): a random 0-999 ms, as a customer finishes typing whenever they do.
  sleep "0.$(printf %03d $((RANDOM % 1000)))"
  curl -sf -u "$client" -H "X-Quiq-Payment-Key: $paymentKey" -H 'Content-Type: application/json' \
    -d '{"outcome":"success","transactionId":"bench"}' "$base/api/v1/messaging/custom-interactions/$token/reply" > /dev/null
  t2=$(now)
  wait_for b ' PAID '
  t3=$(now); paids+=($(( (t3 - t2) / 1000 )))
  tmux_ send-keys -t b Escape
  wait_for b 'Payments'
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f ms (min %.1f, max %.1f)", m / 1000, a[1] / 1000, a[NR] / 1000 }'; }
echo "runs: $runs"
echo "Enter on Send -> link on screen: median $(median "${sends[@]}")"
echo "Client's reply -> paid on screen: median $(median "${paids[@]}")"
