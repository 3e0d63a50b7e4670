package dev.baton.ui;

import java.util.prefs.Preferences;

/**
 * A JVM that keeps a layout snapshot with Baton's shutdown hook registered, says "ready" and waits to be
 * stopped; {@link LayoutSnapshotTest} sends it SIGTERM and reads what the hook saved.
 */
public final class SigtermChild {
    private SigtermChild() {}

    public static void main(String[] args) throws Exception {
        Preferences layout = Preferences.userRoot().node(args[0]);
        LayoutSnapshot snapshot = new LayoutSnapshot();
        Runtime.getRuntime().addShutdownHook(snapshot.shutdownHook(layout));
        snapshot.putDouble("width", 1234);
        snapshot.put("runbook", "disk-full.md");
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(60_000);
    }
}
