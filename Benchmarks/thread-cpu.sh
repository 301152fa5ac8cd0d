# CPU time of a process between two moments, in nanoseconds, from each thread's
# /proc/PID/task/TID/schedstat (board.sh and idle-cpu.sh source it). Linux only.
#   thread_ns PID > FILE         one line per thread: TID and its nanoseconds on the CPU so far
#   cpu_between BEFORE AFTER     the sum over the threads of AFTER: their nanoseconds since BEFORE
#                                (all of them for a thread BEFORE did not have). A thread that
#                                ended in between is left out: summing all threads instead would
#                                take its whole past away with it, and one that ends is idle.
thread_ns() {
  local file tid
  for file in /proc/"$1"/task/*/schedstat; do
    tid=${file%/schedstat}
    tid=${tid##*/}
    # A thread may end between the glob and the read.
    read -r ns _ < "$file" 2>/dev/null && echo "$tid $ns"
  done
}
cpu_between() {
  awk 'NR == FNR { before[$1] = $2; next } { sum += $2 - (($1 in before) ? before[$1] : 0) } END { printf "%d\n", sum }' "$1" "$2"
}
