package dev.baton.ssh;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.baton.terminal.TerminalSession;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.PTYMode;
import net.schmizz.sshj.connection.channel.direct.Session;

/** A login shell on a node, on a remote pty (xterm-256color) whose size follows the terminal widget. */
public final class SshShellSession implements TerminalSession {
    private final SshConnection connection;
    private final Session session;
    private final Session.Shell shell;
    private final Reader output;
    private final OutputStream input;
    private final TtyConnector connector;

    private SshShellSession(SshConnection connection, Session session, Session.Shell shell) {
        this.connection = connection;
        this.session = session;
        this.shell = shell;
        this.output = new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8);
        this.input = shell.getOutputStream();
        this.connector = new Connector();
    }

    static SshShellSession open(SshConnection connection, int columns, int rows) throws IOException {
        Session session = connection.client().startSession();
        try {
            session.allocatePTY("xterm-256color", columns, rows, 0, 0, Map.<PTYMode, Integer>of());
            return new SshShellSession(connection, session, session.startShell());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public String title() {
        return connection.node().name();
    }

    @Override
    public TtyConnector connector() {
        return connector;
    }

    @Override
    public boolean isAlive() {
        return shell.isOpen() && connection.isConnected();
    }

    @Override
    public void onLost(java.util.function.Consumer<String> listener) {
        connection.onLost(listener);
    }

    public SshConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // The channel is already gone with its connection.
        }
    }

    private final class Connector implements TtyConnector {
        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            return output.read(buffer, offset, length);
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            input.write(bytes);
            input.flush();
        }

        @Override
        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean isConnected() {
            return isAlive();
        }

        @Override
        public void resize(TermSize size) {
            if (shell.isOpen()) {
                try {
                    shell.changeWindowDimensions(size.getColumns(), size.getRows(), 0, 0);
                } catch (IOException | RuntimeException ignored) {
                    // A resize racing the close of the channel: nothing left to size.
                }
            }
        }

        @Override
        public int waitFor() throws InterruptedException {
            while (shell.isOpen() && connection.isConnected()) {
                try {
                    shell.join(1, TimeUnit.SECONDS);
                } catch (IOException stillOpen) {
                    // join reports its timeout as an exception: look again.
                }
            }
            // A shell channel does not report its exit status through sshj.
            return 0;
        }

        @Override
        public boolean ready() throws IOException {
            return output.ready();
        }

        @Override
        public String getName() {
            return title();
        }

        @Override
        public void close() {
            SshShellSession.this.close();
        }
    }
}
