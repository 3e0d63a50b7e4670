#!/usr/bin/env bash
# The package test (./test runs it after the suite): builds Baton's .deb, installs it as a user would
# (dpkg -i, then apt-get -f for its dependencies), checks the installed command line and window, and
# removes the package. Arguments go to Maven. Needs root or sudo, Xvfb and fakeroot (./test installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
fail() { echo "package test: FAILED: $*" >&2; exit 1; }
has_child() { # pid
    local stat rest ppid
    for stat in /proc/[0-9]*/stat; do
        stat=$(cat "$stat" 2>/dev/null) || continue
        rest=${stat##*) } # after the command name, which may hold spaces
        read -r _ ppid _ <<<"$rest"
        [ "$ppid" = "$1" ] && return 0
    done
    return 1
}
installed() { [ "$(dpkg-query -W -f='${db:Status-Status}' baton 2>/dev/null)" = installed ]; }

if installed; then
    fail "a baton package is installed on this machine; this test would replace it and then remove it. Remove it first (apt-get remove baton)."
fi
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)

./mvnw -B -Ppackage -DskipTests verify "$@"
built=$SECONDS
debs=(packaging/target/installer/baton_*.deb)
[ -f "${debs[0]}" ] || fail "the build made no .deb"
deb=${debs[0]}

tmp=$(mktemp -d)
xvfb= app=
cleanup() {
    [ -z "$app" ] || kill "$app" 2>/dev/null || true
    [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
    if installed; then as_root apt-get remove -y baton >/dev/null || true; fi
    rm -rf "$tmp"
}
trap cleanup EXIT

echo "package test: installing $deb"
export DEBIAN_FRONTEND=noninteractive
if ! as_root dpkg -i "$deb"; then
    echo "package test: dpkg -i left dependencies out; apt-get brings them" >&2
    as_root apt-get install -f -y --no-install-recommends ||
        { as_root apt-get update && as_root apt-get install -f -y --no-install-recommends; }
fi
installed || fail "baton is not installed after dpkg -i and apt-get -f"

# A home of its own, so that the checks below see every file Baton writes.
export HOME="$tmp/home"
unset XDG_CACHE_HOME XDG_DATA_HOME XDG_CONFIG_HOME
mkdir -p "$HOME"
touch "$tmp/stamp"
sleep 1 # file times have a resolution of a second on some file systems

[ "$(command -v baton)" = /usr/bin/baton ] || fail "baton is not on the PATH as /usr/bin/baton"
out=$(baton --version)
[ "$out" = "baton $version" ] || fail "baton --version printed '$out', not 'baton $version'"
# -Xshare:on: the JVM refuses to start when it cannot map the archive made at build time.
JAVA_TOOL_OPTIONS=-Xshare:on baton --version >/dev/null 2>"$tmp/share.log" ||
    fail "the installed class-data archive does not map: $(cat "$tmp/share.log")"
baton lint /opt/baton/lib/app/runbooks || fail "baton lint found problems in the installed runbooks"
echo "package test: baton --version and baton lint on the installed runbooks: passed"

desktop=$(ls /opt/baton/lib/*.desktop)
grep -qx "Exec=/opt/baton/bin/baton" "$desktop" || fail "the desktop entry does not start /opt/baton/bin/baton: $(cat "$desktop")"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[ -f "$icon" ] || fail "the desktop entry's icon $icon is not installed"

Xvfb -displayfd 1 -screen 0 1600x1000x24 -nolisten tcp >"$tmp/display" 2>"$tmp/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
export DISPLAY=":$(head -1 "$tmp/display")"
log="$tmp/window.log"
# Its own temporary folder too: pty4j and JNA would unpack their libraries there.
mkdir -p "$tmp/java-tmp"
JAVA_TOOL_OPTIONS="-Djava.io.tmpdir=$tmp/java-tmp" baton >"$log" 2>&1 &
app=$!
for _ in $(seq 1200); do
    grep -q "first frame laid out" "$log" && break
    kill -0 "$app" 2>/dev/null || fail "the installed window ended before it was shown: $(cat "$log")"
    sleep 0.1
done
grep -q "main window shown" "$log" || fail "the installed window was not shown within 120 s: $(cat "$log")"
# The local shell (pty4j, JNA) and the runbook page (WebKit) start after the first frame: they load
# native libraries too. The shell is the window's child process.
for _ in $(seq 300); do has_child "$app" && break; sleep 0.1; done
has_child "$app" || fail "the installed window started no local shell within 30 s: $(cat "$log")"
sleep 3
kill "$app"
wait "$app" 2>/dev/null || true
app=
echo "package test: installed window shown: $(grep -o "main window shown [0-9]* ms" "$log")"

written=$(find /opt/baton -newer "$tmp/stamp")
[ -z "$written" ] || fail "the installed Baton wrote beside itself: $written"
# Any new file that is an ELF library, whatever its name (JNA names its copies jna….tmp).
while IFS= read -r file; do
    [ "$(head -c 4 "$file" | tr -d '\0')" != $'\x7fELF' ] || fail "a native library was unpacked at start: $file"
done < <(find "$HOME" "$tmp/java-tmp" -newer "$tmp/stamp" -type f)

as_root apt-get remove -y baton
! installed || fail "baton is still installed after apt-get remove"
[ ! -e /usr/bin/baton ] || fail "/usr/bin/baton is left after the package was removed"
[ ! -e /opt/baton/bin/baton ] || fail "/opt/baton is left after the package was removed"
echo "package test: passed in $((SECONDS - started)) s (build $((built - started)) s, install to removal $((SECONDS - built)) s)"
