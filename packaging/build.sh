#!/usr/bin/env bash
# Builds Baton's installer for the system it runs on: `./mvnw -Ppackage verify` runs it as
#   packaging/build.sh TYPE APP_JAR VERSION OUT_DIR
# with TYPE deb (Linux), dmg (macOS) or msi (Windows); app-image builds only the application folder.
# Steps: the jar without native libraries, which go beside it; a runtime of only the JDK modules
# Baton uses (jdeps), made with jlink; the icon; the app image (jpackage); a class-data archive from a
# training run of the window in that image; the installer from that same image (jpackage).
# JAVA_HOME is the JDK whose jlink, jdeps and jpackage are used (Maven passes its own).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

die() { echo "packaging: $*" >&2; exit 1; }
[ $# -eq 4 ] || die "usage: build.sh deb|dmg|msi|app-image APP_JAR VERSION OUT_DIR"
type=$1 jar=$2 version=$3 out=$4
[ -f "$jar" ] || die "no application jar at $jar: build it first (./mvnw -DskipTests package)"
[ -n "${JAVA_HOME:-}" ] || die "JAVA_HOME is not set: it names the JDK whose jlink and jpackage build the image"
bin="$JAVA_HOME/bin"
for tool in java jlink jdeps jpackage; do
    [ -x "$bin/$tool" ] || [ -x "$bin/$tool.exe" ] || die "$bin has no $tool: a full JDK 17 or newer is needed, not a JRE"
done

case "$(uname -s)" in
    Linux) system=linux ;;
    Darwin) system=macos ;;
    MINGW* | MSYS* | CYGWIN*) system=windows ;;
    *) die "unknown system $(uname -s): Baton's installers are built on Linux (.deb), macOS (.dmg) or Windows (.msi)" ;;
esac
wanted() { # type: the system that builds it
    case "$1" in deb) echo linux ;; dmg) echo macos ;; msi) echo windows ;; app-image) echo "$system" ;; *) echo unknown ;; esac
}
[ "$(wanted "$type")" != unknown ] || die "unknown package type '$type': deb, dmg, msi or app-image"
[ "$(wanted "$type")" = "$system" ] ||
    die "a .$type is built on $(wanted "$type"), and this is $system: jpackage makes the installers of the system it runs on (see packaging/README.md)"

case "$(uname -m)" in
    x86_64 | amd64) arch=x86-64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) die "no native libraries for $(uname -m) in Baton's jar (x86_64 and aarch64 only)" ;;
esac
# jpackage wants a numeric version: 0.1.0-SNAPSHOT is packaged as 0.1.0.
app_version=${version%%-*}

work="$out/work"
rm -rf "$out"
mkdir -p "$work"

# Per system: where the image keeps the jar and the runtime, and the native libraries' folders.
case $system in
    linux)
        name=baton image="$out/image/baton" app_dir=lib/app java=lib/runtime/bin/java
        pty4j=linux/$arch jna=linux-$arch icon=png ;;
    macos)
        name=Baton image="$out/image/Baton.app" app_dir=Contents/app java=Contents/runtime/Contents/Home/bin/java
        pty4j=darwin jna=darwin-$arch icon=icns ;;
    windows)
        name=Baton image="$out/image/Baton" app_dir=app java=runtime/bin/java.exe
        pty4j=win/$arch jna=win32-$arch icon=ico ;;
esac

echo "packaging: the jar without native libraries; this system's go beside it"
"$bin/java" "$here/tools/SplitNatives.java" "$jar" "$work/input" "$pty4j" "$jna"
cp -R "$here/../runbooks" "$work/input/runbooks"
cp "$here/../app/window-compiler.json" "$work/input/window-compiler.json"

echo "packaging: the modules Baton uses (jdeps)"
modules=$("$bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$work/input/baton.jar")
# Found through services, which jdeps does not follow: elliptic-curve keys and key exchange for SSH;
# and read through a platform MXBean: Lucene asks the JVM's options (it warns without them).
modules="$modules,jdk.crypto.ec,jdk.management"
echo "packaging: $modules"

echo "packaging: runtime (jlink)"
"$bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --output "$work/runtime"
if [ $system = linux ]; then
    # The JVM's symbol table, 4 MB of libjvm.so, serves only to name functions in a crash report.
    command -v strip >/dev/null || die "the runtime's libjvm.so is stripped with strip: install binutils"
    strip --strip-unneeded "$work/runtime/lib/server/libjvm.so"
fi

"$bin/java" -Djava.awt.headless=true "$here/tools/Icon.java" "$icon" "$work/baton.$icon"

# The same options as ./baton: native libraries from beside the jar, never unpacked at start; the
# class-data archive mapped where it was written; the optimising compiler started later, and kept off the runbook
# parser; the window's heap and collector (./baton says why; LauncherMemoryOptionsTest keeps the two the same).
java_options=(
    "-Dpty4j.preferred.native.folder=\$APPDIR/pty4j"
    "-Djna.boot.library.path=\$APPDIR/jna" -Djna.nounpack=true
    "-XX:SharedArchiveFile=\$APPDIR/baton.jsa" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0
    -XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000
    -XX:Tier4BackEdgeThreshold=400000 -XX:+UseSerialGC -Xms96m -Xmn24m
    "-XX:CompilerDirectivesFile=\$APPDIR/window-compiler.json" -XX:-DisplayVMOutput -XX:CompileCommand=quiet
    "-XX:CompileCommand=CompileThresholdScaling,org.commonmark.*::*,0.1"
    "-XX:CompileCommand=CompileThresholdScaling,dev.baton.runbook.*::*,0.1"
    "-XX:CompileCommand=CompileThresholdScaling,dev.baton.step.*::*,0.1"
)
common=(--name "$name" --app-version "$app_version" --vendor Baton
    --description "Responder console: runbooks beside terminals, incident timeline, handoff bundles")
jpackage_options=()
for option in "${java_options[@]}"; do jpackage_options+=(--java-options "$option"); done
if [ $system = windows ]; then
    # Baton.exe is a window without a console; the command line needs a launcher that has one (a name
    # other than baton.exe: Windows does not tell it from Baton.exe).
    jpackage_options+=(--add-launcher "baton-cli=$here/windows/console-launcher.properties")
fi

echo "packaging: app image (jpackage)"
"$bin/jpackage" --type app-image "${common[@]}" --input "$work/input" --main-jar baton.jar \
    --main-class dev.baton.Baton --runtime-image "$work/runtime" --icon "$work/baton.$icon" \
    "${jpackage_options[@]}" --dest "$out/image"

"$here/tools/train-cds.sh" "$image" "$app_dir" "$java" "$work/training"

if [ "$type" = app-image ]; then
    echo "packaging: $image"
    exit 0
fi

echo "packaging: .$type (jpackage)"
installer=()
case $type in
    deb)
        # The package's postinst dumps the archive where it is installed (train-cds.sh says why).
        rm -f "$image/$app_dir/baton.jsa"
        # What the JavaFX libraries load (jpackage adds what it finds with ldd on the build machine).
        installer=(--linux-package-name baton --linux-app-category utils --linux-menu-group "System;Monitor;"
            --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libxtst6, libasound2 | libasound2t64, libgl1"
            --linux-shortcut --resource-dir "$here/linux" --icon "$work/baton.png") ;;
    dmg)
        installer=(--mac-package-name Baton --mac-package-identifier dev.baton.Baton) ;;
    msi)
        installer=(--win-menu --win-menu-group Baton --win-shortcut --win-dir-chooser
            --win-upgrade-uuid 6f1c2f5e-8a4d-4c3b-9d0e-2b7a5c1e9f40) ;;
esac
"$bin/jpackage" --type "$type" "${common[@]}" --app-image "$image" "${installer[@]}" --dest "$out"
ls -l "$out"/*."$type"
