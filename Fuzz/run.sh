#!/usr/bin/env bash
# Builds each libFuzzer target over its pure module only (swiftc directly: no SwiftPM, no
# dependencies) and runs it for a bounded time on the seed corpus kept in Fuzz/corpus/<target>.
# A crash, a leak or a broken promise of a harness fails the script; libFuzzer saves the input
# as Fuzz/.build/crashes/<target>-crash-*, which reproduces with `Fuzz/.build/<target> FILE`.
#   FUZZ_SECONDS   seconds per target (default 30)
#   FUZZ_TARGETS   which targets (default: all six)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
read -r -a targets <<< "${FUZZ_TARGETS:-money draft token theme keys feed}"
build=Fuzz/.build
mkdir -p "$build/crashes"

# Screen's built-in themes, as the EmbedFiles build plugin makes them for SwiftPM: the same tool,
# run here by hand since this script has no plugins.
embedded_themes() {
  local tool=$build/EmbedFilesTool out=$build/EmbeddedScreen.swift
  if [[ ! -x $tool ]] || [[ Sources/EmbedFilesTool/main.swift -nt $tool ]]; then
    swiftc -swift-version 6 -suppress-warnings Sources/EmbedFilesTool/main.swift -o "$tool" >&2
  fi
  "$tool" files "$out" BuiltInThemeFiles Themes/*.yaml
  echo "$out"
}

# The sources of each target: its module's files, compiled as one module with the harness.
sources() {
  case $1 in
    money|draft|token) find Sources/PaymentCore -name '*.swift' | sort ;;
    theme) find Sources/Screen -name '*.swift' | sort; embedded_themes ;;
    # KeyDecoder is pure: it needs only Screen's KeyEvent and its own InputEvent, not ncurses.
    keys) find Sources/Screen -name '*.swift' | sort; embedded_themes; echo Sources/Terminal/KeyDecoder.swift; echo Sources/Terminal/InputEvent.swift ;;
    # The list's own JSON decoder is pure too: PaymentCore and four files of QuiqClient's feed.
    feed) find Sources/PaymentCore -name '*.swift' | sort; printf 'Sources/QuiqClient/Feed/%s.swift\n' FeedItem JSONBytes ListedPayment ListedPayment+Scan ;;
    *) echo "Fuzz/run.sh: no target named $1 (known: money draft token theme keys feed)" >&2; return 1 ;;
  esac
}

# The module is named after the sources' own module, so their `import Screen` is a no-op.
module() { case $1 in theme|keys) echo Screen ;; *) echo PaymentCore ;; esac; }

summary=()
for target in "${targets[@]}"; do
  # A command substitution, not `< <(...)`, so a failing `sources` stops the script (set -e).
  list=$(sources "$target")
  mapfile -t files <<< "$list"
  binary=$build/$target
  # Rebuild only when a source or the harness is newer than the binary.
  if [[ ! -x $binary ]] || [[ -n $(find "${files[@]}" "Fuzz/$target/main.swift" -newer "$binary" 2>/dev/null) ]]; then
    echo "fuzz: building $target"
    # Warnings are errors in the main build already; here they would only be noise.
    swiftc -swift-version 6 -sanitize=fuzzer,address -parse-as-library -O -suppress-warnings -module-name "$(module "$target")" \
      "${files[@]}" "Fuzz/$target/main.swift" -o "$binary" 2>&1 | { grep -v "Cannot export local symbol" || true; }
    [[ -x $binary ]] || { echo "fuzz: $target did not build" >&2; exit 1; }
  fi
  # New inputs go to a scratch copy; the kept corpus only changes by hand.
  work=$(mktemp -d)
  [[ -d Fuzz/corpus/$target ]] && cp -R "Fuzz/corpus/$target/." "$work/"
  # The shipped themes are the theme parser's best seeds: taken as they are now, never a stale copy.
  [[ $target == theme ]] && cp Themes/*.yaml "$work/"
  log=$build/$target.log
  echo "fuzz: running $target for $seconds s"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/crashes/$target-" "$work" >"$log" 2>&1; then
    rm -rf "$work"
    tail -40 "$log" >&2
    echo "fuzz: $target FAILED; the input is in $build/crashes/ (see $log)" >&2
    exit 1
  fi
  rm -rf "$work"
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  rate=$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
  summary+=("$target: $runs runs, $rate exec/s")
done
printf 'fuzz: %s\n' "${summary[@]}"
