#!/usr/bin/env bash
# Whole-command start-up, interleaved A B C … per round, median wall and CPU time (user + sys, /usr/bin/time):
#   - the JVM's own floor: hello world on JDK 17 and on JDK 25;
#   - a repeat `baton search` and `baton alert` as ./baton runs them (JDK 17 + its class-data archive) beside
#     JDK 25 with an AOT cache trained on the same commands (and compact object headers);
#   - `baton run` on one node, recorded in an incident, beside `ssh host true`, against Debian's sshd on a
#     loopback port; and the same run on JDK 25 with an AOT cache trained on it.
# Usage: bench/command-start.sh [RUNBOOK_DIR [ALERT_NAME [ROUNDS]]]   (default: the shipped runbooks, NodeDown, 7)
# BEFORE=DIR adds the same ./baton rows for the build in DIR (its `baton` script and app/target/baton.jar), interleaved.
# Needs: openssh-server, openssh-client, /usr/bin/time; JDK 25 rows only when one is installed (JAVA25=path).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(cd "${1:-$here/runbooks}" && pwd)"
alert="${2:-NodeDown}"
rounds="${3:-7}"
java25="${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1 || true)}"
work="$(mktemp -d)"
sshd_pid=""
cleanup() {
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
"$here/baton" --version >/dev/null # builds the jar when sources changed
jar="$here/app/target/baton.jar"

# Loopback sshd, one node, an incident open to record into. The node's bash reads no ~/.bashrc (SHLVL=1), as in the
# other benchmarks: this machine's runs `pyenv init`, a cost of the machine that both ssh and baton run paid.
mkdir -p "$work/ssh" /run/sshd
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/id_ed25519"
port=$(( 20000 + RANDOM % 20000 ))
cat >"$work/ssh/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $work/ssh/host_key
PidFile $work/ssh/sshd.pid
AuthorizedKeysFile $work/ssh/id_ed25519.pub
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PrintMotd no
SetEnv SHLVL=1
CONF
/usr/sbin/sshd -D -f "$work/ssh/sshd_config" -E "$work/ssh/sshd.log" &
sshd_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
user="$(id -un)"
echo "[127.0.0.1]:$port $(cat "$work/ssh/host_key.pub")" >"$work/ssh/known_hosts"
printf '[one]\nn1 ansible_host=127.0.0.1 ansible_port=%s ansible_user=%s ansible_ssh_private_key_file=%s\n' \
  "$port" "$user" "$work/ssh/id_ed25519" >"$work/hosts.ini"
echo "[{\"labels\":{\"alertname\":\"$alert\",\"instance\":\"n1\"},\"annotations\":{}}]" >"$work/alert.json"
"$here/baton" open-alert --dir "$dir" "$work/alert.json" >/dev/null

run_args=(run --node n1 --inventory "$work/hosts.ini" --known-hosts "$work/ssh/known_hosts" --yes --command true)
ssh_cmd=(ssh -o BatchMode=yes -o "UserKnownHostsFile=$work/ssh/known_hosts" -o StrictHostKeyChecking=yes
  -o IdentitiesOnly=yes -i "$work/ssh/id_ed25519" -p "$port" "$user@127.0.0.1" true)

names=() commands=()
add() { names+=("$1"); shift; commands+=("$(printf '%q ' "$@")"); }
printf 'class Hello { public static void main(String[] a) { System.out.println("hi"); } }\n' >"$work/Hello.java"
javac --release 17 -d "$work" "$work/Hello.java"
add "hello, JDK 17" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work" Hello
add "baton search (17 + AppCDS)" "$here/baton" search --dir "$dir" disk full
add "baton alert (17 + AppCDS)" "$here/baton" alert --dir "$dir" "$alert"
add "baton run, one node (17 + AppCDS)" "$here/baton" "${run_args[@]}"
add "ssh host true" "${ssh_cmd[@]}"
if [ -n "${BEFORE:-}" ]; then
  # A cache of its own: an index made by another build is made again, so sharing one would rebuild it each time.
  before=(env "XDG_CACHE_HOME=$work/cache-before" "$BEFORE/baton")
  add "before: baton search" "${before[@]}" search --dir "$dir" disk full
  add "before: baton alert" "${before[@]}" alert --dir "$dir" "$alert"
  add "before: baton run, one node" "${before[@]}" "${run_args[@]}"
fi
if [ -n "$java25" ] && [ -x "$java25" ]; then
  # Trained as ./baton trains its archives: search and alert (ClassDataTraining); one recorded run.
  aot=(-XX:+UseCompactObjectHeaders -Dorg.apache.lucene.store.MMapDirectory.enableMemorySegments=false)
  "$java25" "${aot[@]}" -XX:AOTCacheOutput="$work/cli.aot" -XX:TieredStopAtLevel=1 -Dbaton.cache="$work/training" \
    -cp "$jar" dev.baton.cli.ClassDataTraining "$here/runbooks" >/dev/null 2>&1
  "$java25" "${aot[@]}" -XX:AOTCacheOutput="$work/run.aot" -Xmx160m -XX:+UseSerialGC -jar "$jar" "${run_args[@]}" \
    >/dev/null 2>&1
  add "hello, JDK 25" "$java25" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work" Hello
  add "baton search (25 + AOT cache)" "$java25" "${aot[@]}" -XX:AOTCache="$work/cli.aot" -XX:TieredStopAtLevel=1 \
    -jar "$jar" search --dir "$dir" disk full
  add "baton alert (25 + AOT cache)" "$java25" "${aot[@]}" -XX:AOTCache="$work/cli.aot" -XX:TieredStopAtLevel=1 \
    -jar "$jar" alert --dir "$dir" "$alert"
  add "baton run, one node (25 + AOT cache)" "$java25" "${aot[@]}" -XX:AOTCache="$work/run.aot" -Xmx160m \
    -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "${run_args[@]}"
fi
# Two warm-ups each: the first after a build writes ./baton's archives.
for _ in 1 2; do for c in "${commands[@]}"; do eval "$c" >/dev/null 2>&1 || true; done; done
for i in "${!commands[@]}"; do : >"$work/times.$i"; done
for _ in $(seq "$rounds"); do
  for i in "${!commands[@]}"; do
    eval "/usr/bin/time -a -o $work/times.$i -f '%e %U %S' ${commands[$i]}" >/dev/null 2>&1 || true
  done
done
echo "whole commands, $rounds interleaved rounds, median (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) printf "%.3f", v[int((NR + 1) / 2)] }'; }
for i in "${!commands[@]}"; do
  rows="$(grep -E '^[0-9.]+ [0-9.]+ [0-9.]+$' "$work/times.$i" || true)"
  wall="$(awk '{ print $1 }' <<<"$rows" | median)"
  cpu="$(awk '{ print $2 + $3 }' <<<"$rows" | median)"
  printf '  %-40s wall %s s  cpu %s s\n' "${names[$i]}" "$wall" "$cpu"
done
