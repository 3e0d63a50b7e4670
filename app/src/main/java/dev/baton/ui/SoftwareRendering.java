package dev.baton.ui;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.baton.terminal.LocalShellSession;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.LoggerFactory;

/**
 * JavaFX's own software pipeline on a Linux machine without a GPU, chosen before the toolkit starts GTK. There
 * (no DRI render node, no NVIDIA device: Xvfb, VNC, most virtual machines) Mesa draws in software through LLVM,
 * which JavaFX's ES2 pipeline and GTK's GL probing each load: 43 MB resident for what the software pipeline paints
 * as well. {@code ./baton} decides this in its script; the installed app's launcher has fixed options, so the
 * window decides it here, the same way. GTK reads GDK_GL only from the process's environment, which Java cannot
 * change: libc's setenv is called through JNA (pty4j's, which the terminals load anyway).
 */
public final class SoftwareRendering {
    /** libc's setenv, looked up on a thread of its own; null until {@link #prepare} or when not wanted. */
    private static FutureTask<Function> setenv;
    private static boolean decided;

    private SoftwareRendering() {
    }

    /**
     * Whether to draw in software: on Linux, when neither GDK_GL nor a pipeline (prism.order) was chosen, and
     * {@code devices} (/dev) lists no GPU.
     */
    static boolean wanted(String osName, String gdkGl, String prismOrder, Path devices) {
        boolean chosen = (gdkGl != null && !gdkGl.isEmpty()) || prismOrder != null;
        return osName.startsWith("Linux") && !chosen && !hasGpu(devices);
    }

    /** A DRI render node (dri/renderD128…) or an NVIDIA GPU (nvidia0…) among {@code devices}. */
    static boolean hasGpu(Path devices) {
        return lists(devices.resolve("dri"), "renderD*") || lists(devices, "nvidia[0-9]*");
    }

    /**
     * Decides, and when this machine draws in software starts looking up setenv. JNA's start (70 ms here, a
     * process it runs to list the library folders included) then overlaps the logging's, when the window's start
     * calls this first thing. No logger here: getting one starts the logging.
     */
    public static synchronized void prepare() {
        if (decided) {
            return;
        }
        decided = true;
        if (wanted(System.getProperty("os.name", ""), System.getenv("GDK_GL"), System.getProperty("prism.order"),
                Path.of("/dev"))) {
            setenv = new FutureTask<>(() -> NativeLibrary.getProcess().getFunction("setenv"));
            Thread lookup = new Thread(setenv, "baton-setenv-lookup");
            lookup.setDaemon(true);
            lookup.start();
        }
    }

    /**
     * Chooses the software pipeline when {@link #wanted} says so; before the toolkit starts GTK, which reads GDK_GL
     * once. GDK_GL=disable is for Baton's own process alone: the responder's shells do not inherit it
     * ({@link LocalShellSession#LAUNCHER_ONLY_ENV}).
     */
    static synchronized void chooseForThisMachine() {
        prepare();
        if (setenv == null) {
            return;
        }
        System.setProperty("prism.order", "sw");
        try {
            // Called here, on the thread that starts the toolkit: setenv races any other thread's getenv.
            int failed = setenv.get().invokeInt(new Object[] {"GDK_GL", "disable", 1});
            if (failed != 0) {
                LoggerFactory.getLogger(SoftwareRendering.class)
                        .warn("Could not set GDK_GL=disable (setenv returned {}): GTK's GL stays on", failed);
                return;
            }
        } catch (ExecutionException | LinkageError e) {
            LoggerFactory.getLogger(SoftwareRendering.class).warn("Could not set GDK_GL=disable: GTK's GL stays on", e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String launcherOnly = System.getProperty(LocalShellSession.LAUNCHER_ONLY_ENV, "");
        System.setProperty(LocalShellSession.LAUNCHER_ONLY_ENV, launcherOnly.isEmpty() ? "GDK_GL" : launcherOnly + ",GDK_GL");
    }

    private static boolean lists(Path folder, String glob) {
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(folder, glob)) {
            return matches.iterator().hasNext();
        } catch (IOException e) {
            return false; // no such folder: no such device
        }
    }
}
