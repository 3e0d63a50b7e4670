#!/usr/bin/env bash
# Window benchmarks under Xvfb: cold start (launch to main window shown, as Baton logs it) and the
# resident memory of the Baton process with 10 terminals open, both started as users start it: by
# default with ./baton; `--launcher PATH` (repeatable) measures each launcher given, in turn, in one run,
# e.g. --launcher ./baton --launcher /usr/bin/baton to set the installed package beside the jar.
# Needs Xvfb, xdotool and GTK 3: apt-get install -y xvfb xdotool libgtk-3-0.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
launchers=()
while [ $# -gt 0 ]; do
  case "$1" in
    --launcher) launchers+=("$2"); shift 2 ;;
    --launcher=*) launchers+=("${1#--launcher=}"); shift ;;
    *) echo "usage: $0 [--launcher PATH]..." >&2; exit 2 ;;
  esac
done
[ ${#launchers[@]} -gt 0 ] || launchers=(./baton)
for launcher in "${launchers[@]}"; do
  [ -x "$launcher" ] || { echo "not an executable launcher: $launcher" >&2; exit 2; }
done
export DISPLAY=:${DISPLAY_NUMBER:-87}
Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

# Waiting uses shell builtins only. Polling with grep and sleep started 40 processes a second, which
# on two cores made Baton's start 0.2 s slower than without a benchmark watching it.
exec {never}<> <(:) # a pipe nobody writes to: `read -t` on it is a sleep without a process
log_has() { # file text
  local line
  while IFS= read -r line; do [[ $line == *"$2"* ]] && return 0; done <"$1"
  return 1
}
wait_for_window() { # log file: waits until the window is shown and its first frame laid out
  for ((i = 0; i < 600; i++)); do
    log_has "$1" "first frame laid out" && return 0
    read -r -t 0.05 -u "$never" || true
  done
  echo "window never shown; log:" >&2; cat "$1" >&2; return 1
}

median() { # label: a median of the numbers on stdin
  sort -n | awk -v label="$1" '{a[NR]=$1} END {printf "%s: median %d ms over %d runs (min %d, max %d)\n", label, a[int((NR+1)/2)], NR, a[1], a[NR]}'
}

stop() { # pid: ends Baton and waits until it has exited (the archive is written at exit)
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
}

bench() { # launcher: its cold start and memory
  # One uncounted run builds the jar if needed and writes the class-data archive, as a first start of
  # ./baton does (an installed Baton brings its archive).
  log=$(mktemp)
  "$launcher" >"$log" 2>&1 &
  pid=$!
  wait_for_window "$log"
  sleep 3
  stop "$pid"

  shown=$(mktemp)
  first_frame=$(mktemp)
  for _ in $(seq "$runs"); do
    log=$(mktemp)
    "$launcher" >"$log" 2>&1 &
    pid=$!
    wait_for_window "$log"
    grep -o "shown [0-9]* ms" "$log" | awk '{print $2}' >>"$shown"
    grep -o "laid out [0-9]* ms" "$log" | awk '{print $3}' >>"$first_frame"
    # The runbook page's WebKit starts just after the first frame; a process ended inside it can crash.
    sleep 2
    stop "$pid"
    rm -f "$log"
  done
  median "$launcher: cold start, launch to window shown" <"$shown"
  median "$launcher: cold start, launch to first frame laid out" <"$first_frame"

  # When the first frame is on screen, from separate runs with JavaFX's pulse logger on (it prints every
  # pulse, so it is kept out of the runs above): laid out, plus the rest of that pulse, painting included.
  : >"$first_frame"
  for _ in $(seq "$runs"); do
    log=$(mktemp)
    # JAVA_TOOL_OPTIONS reaches the JVM of any launcher (BATON_JAVA_OPTS only ./baton's).
    JAVA_TOOL_OPTIONS="-Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0 ${JAVA_TOOL_OPTIONS:-}" "$launcher" >"$log" 2>&1 &
    pid=$!
    wait_for_window "$log"
    sleep 2
    stop "$pid"
    laid_out=$(grep -o "laid out [0-9]* ms" "$log" | awk '{print $3}')
    # "PULSE: 1 [0ms:217ms]" then "T17 (3 +2ms): Layout Pass": the pulse lasted 217 ms, its layout ended at 5.
    awk -v laid_out="$laid_out" '
      /^PULSE: 1 / { split($3, d, /[:m]/); pulse = d[3]; next }
      pulse != "" && /Layout Pass/ { split($0, t, /[(+m]/); print laid_out + pulse - (t[2] + t[3]); exit }
    ' "$log" >>"$first_frame"
    rm -f "$log"
  done
  median "$launcher: cold start, launch to first frame on screen" <"$first_frame"
  rm -f "$shown" "$first_frame"

  log=$(mktemp)
  "$launcher" >"$log" 2>&1 &
  pid=$!
  wait_for_window "$log"
  # By class: GTK's hidden leader window is named after the program, "baton" for an installed Baton,
  # and xdotool's names match without regard to case.
  window=$(xdotool search --sync --classname '^dev\.baton\.ui\.BatonApp$' | head -1)
  sleep 2
  for _ in $(seq 9); do
    xdotool key --window "$window" ctrl+t
    sleep 0.7
  done
  sleep 5
  shells=$(pgrep -P "$pid" | wc -l)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  echo "$launcher: memory: Baton process RSS $((rss_kb / 1024)) MB with $shells terminals open (shell processes not counted)"
  stop "$pid"
  rm -f "$log"
}

for launcher in "${launchers[@]}"; do
  bench "$launcher"
done
