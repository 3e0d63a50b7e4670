package dev.baton.ui;

import com.sun.jna.NativeLibrary;
import dev.baton.terminal.LocalShellSession;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JavaFX's own software pipeline on a Linux machine without a GPU, chosen before the toolkit starts GTK. There
 * (no DRI render node, no NVIDIA device: Xvfb, VNC, most virtual machines) Mesa draws in software through LLVM,
 * which JavaFX's ES2 pipeline and GTK's GL probing each load: 43 MB resident for what the software pipeline paints
 * as well. {@code ./baton} decides this in its script; the installed app's launcher has fixed options, so the
 * window decides it here, the same way. GTK reads GDK_GL only from the process's environment, which Java cannot
 * change: libc's setenv is called through JNA (pty4j's, which the terminals load anyway).
 */
final class SoftwareRendering {
    private static final Logger LOG = LoggerFactory.getLogger(SoftwareRendering.class);

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
     * Chooses the software pipeline when {@link #wanted} says so. GDK_GL=disable is set for Baton's own process
     * alone: the responder's shells do not inherit it ({@link LocalShellSession#LAUNCHER_ONLY_ENV}).
     */
    static void chooseForThisMachine() {
        if (!wanted(System.getProperty("os.name", ""), System.getenv("GDK_GL"), System.getProperty("prism.order"),
                Path.of("/dev"))) {
            return;
        }
        System.setProperty("prism.order", "sw");
        try {
            // The process's own symbols hold libc's: no library to look up. setenv copies both strings.
            int failed = NativeLibrary.getProcess().getFunction("setenv").invokeInt(new Object[] {"GDK_GL", "disable", 1});
            if (failed != 0) {
                LOG.warn("Could not set GDK_GL=disable (setenv returned {}): GTK's GL stays on", failed);
                return;
            }
        } catch (LinkageError e) {
            LOG.warn("Could not set GDK_GL=disable: GTK's GL stays on", e);
            return;
        }
        String launcherOnly = System.getProperty(LocalShellSession.LAUNCHER_ONLY_ENV, "");
        System.setProperty(LocalShellSession.LAUNCHER_ONLY_ENV, launcherOnly.isEmpty() ? "GDK_GL" : launcherOnly + ",GDK_GL");
        LOG.debug("No GPU: JavaFX's software pipeline, GTK's GL off");
    }

    private static boolean lists(Path folder, String glob) {
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(folder, glob)) {
            return matches.iterator().hasNext();
        } catch (IOException e) {
            return false; // no such folder: no such device
        }
    }
}
