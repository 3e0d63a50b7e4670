package dev.baton.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session's connector that can copy what it reads into an asciicast recording, switched on and off at will. */
public final class RecordingTtyConnector extends ForwardingTtyConnector {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingTtyConnector.class);
    private volatile AsciicastRecorder recorder;

    public RecordingTtyConnector(TtyConnector session) {
        super(session);
    }

    public void record(AsciicastRecorder next) {
        AsciicastRecorder previous = recorder;
        recorder = next;
        closeQuietly(previous);
    }

    /** Stops recording; returns how many secrets were masked in the recording (0 when none was going). */
    public int stop() {
        AsciicastRecorder current = recorder;
        recorder = null;
        closeQuietly(current);
        return current == null ? 0 : current.masked();
    }

    public boolean isRecording() {
        return recorder != null;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int read = session.read(buffer, offset, length);
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
    public void close() {
        record(null);
        session.close();
    }
}
