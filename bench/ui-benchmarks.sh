#!/usr/bin/env bash
# Window benchmarks under Xvfb: cold start (launch to main window shown, as Baton logs it) and the
# resident memory of the Baton process with 10 terminals open, both started as users start it (./baton).
# Needs Xvfb, xdotool and GTK 3: apt-get install -y xvfb xdotool libgtk-3-0.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
export DISPLAY=:${DISPLAY_NUMBER:-87}
Xvfb "$DISPLAY" -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1

wait_for_window() { # log file
  for _ in $(seq 300); do grep -q "main window shown" "$1" && return 0; sleep 0.1; done
  echo "window never shown; log:" >&2; cat "$1" >&2; return 1
}

stop() { # pid: ends Baton and waits until it has exited (the archive is written at exit)
  kill "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.1; done
}

# One uncounted run builds the jar if needed and writes the class-data archive, as a first start does.
log=$(mktemp)
./baton >"$log" 2>&1 &
pid=$!
wait_for_window "$log"
sleep 3
stop "$pid"

for _ in $(seq "$runs"); do
  log=$(mktemp)
  ./baton >"$log" 2>&1 &
  pid=$!
  wait_for_window "$log"
  grep -o "shown [0-9]* ms" "$log" | awk '{print $2}'
  # The runbook page's WebKit starts just after the window; a process ended inside it can crash.
  sleep 2
  stop "$pid"
  rm -f "$log"
done | sort -n | awk '{a[NR]=$1} END {printf "cold start, launch to window shown: median %d ms over %d runs (min %d, max %d)\n", a[int((NR+1)/2)], NR, a[1], a[NR]}'

log=$(mktemp)
./baton >"$log" 2>&1 &
pid=$!
wait_for_window "$log"
window=$(xdotool search --sync --name '^Baton$' | head -1)
sleep 2
for _ in $(seq 9); do
  xdotool key --window "$window" ctrl+t
  sleep 0.7
done
sleep 5
shells=$(pgrep -P "$pid" | wc -l)
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
echo "memory: Baton process RSS $((rss_kb / 1024)) MB with $shells terminals open (shell processes not counted)"
stop "$pid"
rm -f "$log"
