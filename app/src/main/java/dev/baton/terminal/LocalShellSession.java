package dev.baton.terminal;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.WinSize;
import com.techsenger.jeditermfx.core.ProcessTtyConnector;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A program on a real pseudo-terminal (pty4j): by default the responder's login shell. */
public final class LocalShellSession implements TerminalSession {
    private final PtyProcess process;
    private final TtyConnector connector;
    private final String title;

    private LocalShellSession(PtyProcess process, List<String> command, String title) {
        this.process = process;
        this.title = title;
        this.connector = new ProcessTtyConnector(process, StandardCharsets.UTF_8, command) {
            @Override
            public String getName() {
                return title;
            }

            @Override
            public void resize(TermSize size) {
                if (process.isAlive()) {
                    process.setWinSize(new WinSize(size.getColumns(), size.getRows()));
                }
            }
        };
    }

    /**
     * The user's login shell ($SHELL, else /bin/bash, else /bin/sh) in their home directory, or the
     * command in the {@code baton.shell} setting (words separated by spaces).
     */
    public static LocalShellSession loginShell() throws IOException {
        String configured = System.getProperty("baton.shell", "").strip();
        if (!configured.isEmpty()) {
            return start(List.of(configured.split("\\s+")), Path.of(System.getProperty("user.home")), "Local shell");
        }
        String shell = System.getenv("SHELL");
        if (shell == null || !Files.isExecutable(Path.of(shell))) {
            shell = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";
        }
        return start(List.of(shell, "-l"), Path.of(System.getProperty("user.home")), "Local shell");
    }

    /**
     * Names (comma-separated) of variables the launcher set for Baton's JVM alone, such as {@code GDK_GL=disable}
     * for the window's own drawing: the responder's shells get the environment Baton was started from.
     */
    public static final String LAUNCHER_ONLY_ENV = "baton.launcher-only-env";

    /** Any program on a pty, with TERM=xterm-256color. */
    public static LocalShellSession start(List<String> command, Path directory, String title) throws IOException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeAll(List.of(System.getProperty(LAUNCHER_ONLY_ENV, "").split(",")));
        env.put("TERM", "xterm-256color");
        env.put("COLORTERM", "truecolor");
        PtyProcess process = new PtyProcessBuilder(command.toArray(String[]::new))
                .setEnvironment(env)
                .setDirectory(directory.toString())
                .setInitialColumns(120)
                .setInitialRows(32)
                .setRedirectErrorStream(true)
                .start();
        return new LocalShellSession(process, command, title);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public TtyConnector connector() {
        return connector;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        connector.close();
        process.destroy();
    }
}
