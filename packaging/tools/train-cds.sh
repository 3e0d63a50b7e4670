#!/usr/bin/env bash
# Makes the class-data archive (AppCDS) of an app image at build time:
#   train-cds.sh IMAGE APP_DIR JAVA WORK
# runs the window from the image once, as its launcher would, listing the classes it loads until its
# first frame is on screen and the runbook page, the library and a shell have started. The list is
# kept as APP_DIR/baton.classlist; the classes, JDK and Baton alike, are dumped into APP_DIR/baton.jsa,
# which the launcher maps. JDK 17 maps an archive only for the jar at the path and with the time it was
# dumped with: an installer that moves the image dumps it again from the list (the .deb's postinst).
# On Linux the window opens on its own Xvfb display.
set -euo pipefail
die() { echo "packaging: $*" >&2; exit 1; }
image=$1 app="$1/$2" java="$1/$3" work=$4
mkdir -p "$work/home"
log="$work/training.log"
list="$work/classes.lst"

xvfb=
stop_all() {
    [ -z "${pid:-}" ] || kill "$pid" 2>/dev/null || true
    [ -z "$xvfb" ] || kill "$xvfb" 2>/dev/null || true
}
trap stop_all EXIT
if [ "$(uname -s)" = Linux ]; then
    command -v Xvfb >/dev/null ||
        die "the class-data archive is made by a training run of the window on a virtual display: install Xvfb (apt-get install xvfb)"
    # Xvfb chooses a free display and writes its number: no clash with another build or a desktop.
    Xvfb -displayfd 1 -screen 0 1600x1000x24 -nolisten tcp >"$work/display" 2>"$work/xvfb.log" &
    xvfb=$!
    for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
    [ -s "$work/display" ] || die "Xvfb did not start: $(cat "$work/xvfb.log")"
    export DISPLAY=":$(head -1 "$work/display")"
fi

echo "packaging: training run of the window (${DISPLAY:-desktop}), for the class-data archive"
# A home of its own: the training run reads and writes none of the builder's settings or incidents.
HOME="$work/home" XDG_DATA_HOME="$work/home/data" XDG_CACHE_HOME="$work/home/cache" XDG_CONFIG_HOME="$work/home/config" \
    "$java" -XX:DumpLoadedClassList="$list" -Xshare:off \
    -Dpty4j.preferred.native.folder="$app/pty4j" -Djna.boot.library.path="$app/jna" -Djna.nounpack=true \
    -cp "$app/baton.jar" dev.baton.Baton >"$log" 2>&1 &
pid=$!
for _ in $(seq 1200); do
    grep -q "first frame laid out" "$log" && break
    kill -0 "$pid" 2>/dev/null || die "the training run ended before its window was shown: $(cat "$log")"
    sleep 0.1
done
grep -q "first frame laid out" "$log" || die "the training run's window was not shown within 120 s: $(cat "$log")"
# After the first frame the runbook page (WebKit), the library and a local shell start: their classes
# belong in the archive too. Done when no class has been loaded for two seconds (at most 60 s).
size=-1
for _ in $(seq 30); do
    sleep 2
    now=$(wc -c <"$list")
    [ "$now" -eq "$size" ] && break
    size=$now
done
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
echo "packaging: $(wc -l <"$list") classes loaded; dumping the archive"
cp "$list" "$app/baton.classlist"
"$java" -Xshare:dump -XX:SharedClassListFile="$app/baton.classlist" -XX:SharedArchiveFile="$app/baton.jsa" \
    -cp "$app/baton.jar" >"$work/dump.log" 2>&1 || die "class-data dump failed: $(tail -20 "$work/dump.log")"
# -Xshare:on makes an archive the JVM cannot map an error rather than a slower start.
"$java" -Xshare:on -XX:SharedArchiveFile="$app/baton.jsa" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0 \
    -cp "$app/baton.jar" dev.baton.Baton --version >/dev/null || die "the class-data archive does not map"
ls -l "$app/baton.jsa"
