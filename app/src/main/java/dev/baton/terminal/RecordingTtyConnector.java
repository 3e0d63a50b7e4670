package dev.baton.terminal;

import com.techsenger.jeditermfx.core.Questioner;
import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's connector that can copy what it reads into an asciicast recording, switched on and off at will. */
public final class RecordingTtyConnector implements TtyConnector {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingTtyConnector.class);
    private final TtyConnector inner;
    private volatile AsciicastRecorder recorder;

    public RecordingTtyConnector(TtyConnector inner) {
        this.inner = inner;
    }

    public void record(AsciicastRecorder next) {
        AsciicastRecorder previous = recorder;
        recorder = next;
        closeQuietly(previous);
    }

    public boolean isRecording() {
        return recorder != null;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = inner.read(buffer, offset, length);
        AsciicastRecorder current = recorder;
        if (current != null && read > 0) {
            try {
                current.output(new String(buffer, offset, read));
                current.flush();
            } catch (IOException e) {
                LOG.warn("Recording stopped: {}", e.getMessage());
                recorder = null;
                closeQuietly(current);
            }
        }
        return read;
    }

    private static void closeQuietly(AsciicastRecorder recording) {
        if (recording != null) {
            try {
                recording.close();
            } catch (IOException e) {
                LOG.warn("Closing a recording: {}", e.getMessage());
            }
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        inner.write(bytes);
    }

    @Override
    public void write(String string) throws IOException {
        inner.write(string);
    }

    @Override
    public boolean isConnected() {
        return inner.isConnected();
    }

    @Override
    public void resize(TermSize size) {
        inner.resize(size);
    }

    @Override
    public int waitFor() throws InterruptedException {
        return inner.waitFor();
    }

    @Override
    public boolean ready() throws IOException {
        return inner.ready();
    }

    @Override
    public String getName() {
        return inner.getName();
    }

    @Override
    public boolean init(Questioner questioner) {
        return inner.init(questioner);
    }

    @Override
    public void close() {
        record(null);
        inner.close();
    }
}
