package dev.baton.terminal;

import com.techsenger.jeditermfx.core.Questioner;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.io.IOException;

/** A connector that adds to how a session's output is read and passes everything else to the session. */
abstract class ForwardingTtyConnector implements TtyConnector {
    protected final TtyConnector session;

    ForwardingTtyConnector(TtyConnector session) {
        this.session = session;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        return session.read(buffer, offset, length);
    }

    @Override
    public boolean ready() throws IOException {
        return session.ready();
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        session.write(bytes);
    }

    @Override
    public void write(String string) throws IOException {
        session.write(string);
    }

    @Override
    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void resize(TermSize size) {
        session.resize(size);
    }

    @Override
    public int waitFor() throws InterruptedException {
        return session.waitFor();
    }

    @Override
    public String getName() {
        return session.getName();
    }

    @Override
    public boolean init(Questioner questioner) {
        return session.init(questioner);
    }

    @Override
    public void close() {
        session.close();
    }
}
