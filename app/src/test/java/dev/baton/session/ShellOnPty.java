package dev.baton.session;

import dev.baton.terminal.KeyboardTap;
import dev.baton.terminal.LocalShellSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An interactive bash on a real pty, started with the tests' own rc file, its output gathered as it comes.
 * Read through a {@link KeyboardTap} when the test needs to see what the responder's keys did.
 */
final class ShellOnPty implements AutoCloseable {
    final LocalShellSession shell;
    /** Null when the output is read straight from the pty. */
    final KeyboardTap keyboard;
    private final StringBuffer output = new StringBuffer();
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private ShellOnPty(LocalShellSession shell, KeyboardTap keyboard) {
        this.shell = shell;
        this.keyboard = keyboard;
    }

    /** Starts bash with {@code rc} as its rc file and waits for {@code prompt}. */
    static ShellOnPty start(Path dir, String rc, String prompt, boolean tapKeyboard) throws Exception {
        Path rcFile = Files.writeString(dir.resolve(".bashrc"), rc);
        LocalShellSession shell = LocalShellSession.start(
                List.of("/bin/bash", "--noprofile", "--rcfile", rcFile.toString(), "-i"), dir, "Local 1");
        ShellOnPty pty = new ShellOnPty(shell, tapKeyboard ? new KeyboardTap(shell.connector()) : null);
        pty.reader.execute(pty::gather);
        pty.waitFor(() -> pty.output().contains(prompt), pty::output);
        return pty;
    }

    private void gather() {
        char[] buffer = new char[4096];
        try {
            int read;
            while ((read = (keyboard != null ? keyboard.read(buffer, 0, buffer.length)
                    : shell.connector().read(buffer, 0, buffer.length))) >= 0) {
                output.append(buffer, 0, read);
            }
        } catch (IOException closed) {
            // the pty ends with the test
        }
    }

    String output() {
        return output.toString();
    }

    /** Waits up to 20 s; on time-out the failure shows {@code shown}, what the terminal holds. */
    void waitFor(Callable<Boolean> condition, Supplier<String> shown) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; the terminal shows:\n" + shown.get(), e);
        }
    }

    @Override
    public void close() {
        shell.close();
        reader.shutdownNow();
    }
}
