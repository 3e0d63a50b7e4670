#!/usr/bin/env bash
# Window benchmarks under Xvfb: cold start (launch to main window shown, as Baton logs it) and the
# resident memory of the Baton process with 10 terminals open, then with 10 SSH terminals beside them (to
# Debian's sshd on a loopback port, nodes listed in an ssh config of the benchmark's own), all started as users start it: by
# default with ./baton; `--launcher PATH` (repeatable) measures each launcher given, in turn, in one run,
# e.g. --launcher ./baton --launcher /usr/bin/baton to set the installed package beside the jar.
# Needs Xvfb, xdotool, xev, xterm and GTK 3: apt-get install -y xvfb xdotool x11-utils xterm libgtk-3-0.
# The launch is timed from the launcher's start to Baton's window mapped (an X event), beside xterm's.
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
trap 'kill $xvfb ${sshd_pid:-} 2>/dev/null || true; rm -f "${maps:-}"' EXIT
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
  for ((i = 0; i < 2400; i++)); do # two minutes: at a load average of 60 a start can take half of one
    log_has "$1" "first frame laid out" && return 0
    read -r -t 0.05 -u "$never" || true
  done
  echo "window never shown; log:" >&2; cat "$1" >&2; return 1
}

# Every window mapped on the display, one line each: "MICROSECONDS-SINCE-EPOCH 0xID", stamped by a builtin
# as xev reports it (xev's MapNotify is two lines; the second names the window mapped).
maps=$(mktemp)
xev -root -event substructure | while IFS= read -r line; do
  case "$line" in
    *"MapNotify event"*) at=${EPOCHREALTIME/./} ;;
    *"event 0x"*", window 0x"*) [ -n "${at:-}" ] && { id=${line#*, window }; echo "$at ${id%%,*}" >>"$maps"; at=""; } ;;
  esac
done &
read -r -t 0.5 -u "$never" || true

mapped_ms() { # launched-at [window ids, decimal]: ms from launch to the first map after it (of those windows)
  local at id ids=() want line
  for id in "${@:2}"; do ids+=("$(printf '0x%x' "$id")"); done
  while IFS=' ' read -r at id; do
    [ "$at" -ge "$1" ] || continue
    if [ ${#ids[@]} -eq 0 ] || [[ " ${ids[*]} " == *" $id "* ]]; then
      echo $(((at - $1) / 1000)); return 0
    fi
  done <"$maps"
  return 1
}

median() { # label: a median of the numbers on stdin
  sort -n | awk -v label="$1" '{a[NR]=$1} END {printf "%s: median %d ms over %d runs (min %d, max %d)\n", label, a[int((NR+1)/2)], NR, a[1], a[NR]}'
}

launch() { # launcher [log]: starts it in a process group of its own, whose id is $pid
  launched_at=${EPOCHREALTIME/./}
  setsid "$launcher" >"$1" 2>&1 &
  pid=$!
}

stop() { # pid: ends the launcher's process group as a session would (SIGTERM) and waits until every process
  # in it has exited: a JVM left behind would otherwise write its archive beside the next run
  kill -TERM -- "-$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null || pgrep -g "$1" >/dev/null; do sleep 0.1; done
}

window_ids() { # the Baton windows on the display (GTK's hidden leader too, never mapped)
  xdotool search --classname '^dev\.baton\.ui\.BatonApp$'
}

xterm_peer() { # ms from starting xterm to its window mapped, the peer of a launch in the same run
  local at
  at=${EPOCHREALTIME/./}
  xterm -e sleep 1 &
  local xpid=$!
  for ((i = 0; i < 200; i++)); do
    mapped_ms "$at" && break
    read -r -t 0.05 -u "$never" || true
  done
  wait "$xpid" 2>/dev/null || true
}

warm_up() { # launcher: one uncounted run builds the jar if needed and writes the class-data archive, as a
  # first start of ./baton does (an installed Baton brings its archive)
  log=$(mktemp)
  launch "$log"
  wait_for_window "$log"
  sleep 3
  stop "$pid"
  rm -f "$log"
}

cold_start() { # launcher number: one timed start, its figures appended to that launcher's files
  log=$(mktemp)
  launch "$log"
  wait_for_window "$log"
  # shellcheck disable=SC2046 # one id a word
  mapped_ms "$launched_at" $(window_ids) >>"$results/$1.mapped" || echo "no map of Baton's window seen" >&2
  grep -o "shown [0-9]* ms" "$log" | awk '{print $2}' >>"$results/$1.shown"
  grep -o "laid out [0-9]* ms" "$log" | awk '{print $3}' >>"$results/$1.laid-out"
  # The runbook page's WebKit starts just after the first frame; a process ended inside it can crash.
  sleep 2
  stop "$pid"
  rm -f "$log"
}

on_screen() { # launcher number: when the first frame is on screen, from a run with JavaFX's pulse logger on
  # (it prints every pulse, so it is kept out of the runs above): laid out, plus the rest of that pulse,
  # painting included
  log=$(mktemp)
  # JAVA_TOOL_OPTIONS reaches the JVM of any launcher (BATON_JAVA_OPTS only ./baton's).
  JAVA_TOOL_OPTIONS="-Djavafx.pulseLogger=true -Djavafx.pulseLogger.threshold=0 ${JAVA_TOOL_OPTIONS:-}" launch "$log"
  wait_for_window "$log"
  sleep 2
  stop "$pid"
  laid_out=$(grep -o "laid out [0-9]* ms" "$log" | awk '{print $3}')
  # "PULSE: 1 [0ms:217ms]" then "T17 (3 +2ms): Layout Pass": the pulse lasted 217 ms, its layout ended at 5.
  awk -v laid_out="$laid_out" '
    /^PULSE: 1 / { split($3, d, /[:m]/); pulse = d[3]; next }
    pulse != "" && /Layout Pass/ { split($0, t, /[(+m]/); print laid_out + pulse - (t[2] + t[3]); exit }
  ' "$log" >>"$results/$1.on-screen"
  rm -f "$log"
}

ten_terminals() { # [NAME=VALUE...]: starts the launcher with these in its environment, waits for its window ($window) and opens 9 more local
  # terminals beside the first
  log=$(mktemp)
  launched_at=${EPOCHREALTIME/./}
  env "$@" setsid "$launcher" >"$log" 2>&1 &
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
}

jvm_of() { # pid of a launcher: its JVM, the launcher itself when it exec'd java or is an installed Baton's
  # (whose launcher runs the JVM in its own process)
  local java
  java=$(pgrep -g "$1" -x java | head -1)
  echo "${java:-$1}"
}

idle_memory() { # launcher: the RSS of Baton's JVM idle with its one terminal, 10 s after its window, then after a
  # full collection asked through jcmd (the JDK's on the PATH: an installed runtime has none of its own)
  log=$(mktemp)
  launch "$log"
  wait_for_window "$log"
  sleep 10
  jvm=$(jvm_of "$pid")
  rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
  jcmd "$jvm" GC.run >/dev/null 2>&1 || true
  sleep 2
  rss_gc=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
  echo "$launcher: memory: Baton process RSS $((rss_idle / 1024)) MB idle with one terminal, $((rss_gc / 1024)) MB after a full collection"
  stop "$pid"
  rm -f "$log"
}

memory() { # launcher: the RSS of Baton's JVM with 10 terminals open
  ten_terminals
  sleep 5
  jvm=$(jvm_of "$pid")
  shells=$(pgrep -P "$jvm" | wc -l)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
  echo "$launcher: memory: Baton process RSS $((rss_kb / 1024)) MB with $shells terminals open (shell processes not counted)"
  stop "$pid"
  rm -f "$log"
}

ssh_nodes() { # starts sshd on a loopback port and writes a home of the benchmark's own: ~/.ssh/config listing
  # node01 … node10 (all that sshd), its key in known_hosts, a key of the user's; sets $ssh_home and $sshd_pid
  ssh_home=$(mktemp -d)
  local dir="$ssh_home/sshd" port
  mkdir -p "$dir" "$ssh_home/.ssh"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_home/.ssh/id_ed25519"
  cp "$ssh_home/.ssh/id_ed25519.pub" "$dir/authorized_keys"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  # SHLVL=1: a node's bash reads no ~/.bashrc of this machine's user (a cost of this machine, not of Baton).
  printf '%s\n' "Port $port" "ListenAddress 127.0.0.1" "HostKey $dir/host_key" "PidFile $dir/sshd.pid" \
      "AuthorizedKeysFile $dir/authorized_keys" "StrictModes no" "UsePAM no" "SetEnv SHLVL=1" >"$dir/sshd_config"
  mkdir -p /run/sshd
  /usr/sbin/sshd -D -f "$dir/sshd_config" -E "$dir/sshd.log" &
  sshd_pid=$!
  echo "[127.0.0.1]:$port $(cut -d' ' -f1-2 "$dir/host_key.pub")" >"$ssh_home/.ssh/known_hosts"
  for i in $(seq -w 1 10); do
    printf 'Host node%s\n  HostName 127.0.0.1\n  Port %s\n  User %s\n  IdentityFile %s\n' "$i" "$port" \
        "$(id -un)" "$ssh_home/.ssh/id_ed25519" >>"$ssh_home/.ssh/config"
  done
  chmod 600 "$ssh_home/.ssh/"*
}

memory_with_ssh() { # launcher: the RSS of Baton's JVM with 10 local terminals and 10 SSH terminals open
  # Baton reads ~/.ssh of the JVM's user.home; the launcher keeps its own $HOME (its class-data archive).
  ten_terminals JAVA_TOOL_OPTIONS="-Duser.home=$ssh_home ${JAVA_TOOL_OPTIONS:-}"
  sessions() { { pgrep -f "sshd: $(id -un)@pts" || true; } | wc -l; }
  local before
  before=$(sessions)
  for i in $(seq -w 1 10); do
    for _ in 1 2 3; do # a key typed while the window is busy can be lost: ask again until the session is up
      xdotool key --window "$window" ctrl+shift+n
      sleep 0.3
      xdotool type --window "$window" "node$i"
      xdotool key --window "$window" Return
      for ((w = 0; w < 100; w++)); do
        [ "$(sessions)" -ge $((before + 10#$i)) ] && break 2
        read -r -t 0.1 -u "$never" || true
      done
    done
  done
  sleep 5
  jvm=$(jvm_of "$pid")
  shells=$(pgrep -P "$jvm" | wc -l)
  sessions=$(($(sessions) - before))
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$jvm/status")
  echo "$launcher: memory: Baton process RSS $((rss_kb / 1024)) MB with $shells local terminals and $sessions SSH sessions open"
  stop "$pid"
  rm -f "$log"
}

# Launchers take turns, run by run, so that a change of load falls on each alike; xterm starts before each round.
results=$(mktemp -d)
for launcher in "${launchers[@]}"; do
  warm_up
done
for ((run = 0; run < runs; run++)); do
  xterm_peer >>"$results/xterm.mapped"
  for n in "${!launchers[@]}"; do
    launcher=${launchers[$n]}
    cold_start "$n"
  done
  echo "round $((run + 1)) of $runs done; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
for n in "${!launchers[@]}"; do
  launcher=${launchers[$n]}
  median "$launcher: cold start, launch (the launcher started) to window mapped" <"$results/$n.mapped"
  median "$launcher: cold start, JVM start to window shown (Stage.show)" <"$results/$n.shown"
  median "$launcher: cold start, JVM start to first frame laid out" <"$results/$n.laid-out"
done
median "peer: xterm started to its window mapped, in the same rounds" <"$results/xterm.mapped"
for ((run = 0; run < runs; run++)); do
  for n in "${!launchers[@]}"; do
    launcher=${launchers[$n]}
    on_screen "$n"
  done
done
for n in "${!launchers[@]}"; do
  median "${launchers[$n]}: cold start, JVM start to first frame on screen (pulse logger)" <"$results/$n.on-screen"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
for launcher in "${launchers[@]}"; do
  idle_memory
  memory
done
ssh_nodes
for launcher in "${launchers[@]}"; do
  memory_with_ssh
done
kill "$sshd_pid" 2>/dev/null || true
rm -rf "$results" "$ssh_home"
