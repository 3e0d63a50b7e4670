package dev.baton.session;

import com.techsenger.jeditermfx.core.TtyConnector;
import dev.baton.step.ClientSession;
import dev.baton.step.Placeholders;
import dev.baton.step.TerminalText;
import dev.baton.terminal.ScreenText;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Types a client session into a terminal the way a responder would: the start at the shell's prompt, then each
 * inner line only once the client shows its own prompt on the terminal's screen. Typed all at once, lines
 * would reach the client before it reads them, or the outer shell if the client failed to start; so each line
 * waits for a prompt that is the client's (for a shell inside something else: a prompt other than the one the
 * session began at), and a client that shows none in time stops the typing with the lines not sent named.
 */
public final class ClientTyping {
    private static final long POLL_MILLIS = 40;

    private final Supplier<ScreenText> screen;
    private final TtyConnector tty;
    private final Duration patience;

    /** The client showed no prompt in time: what was typed and what was not. */
    public static final class NoPrompt extends IOException {
        NoPrompt(String message) {
            super(message);
        }
    }

    /**
     * @param screen   the terminal's screen as text, read at each look (any thread)
     * @param tty      where the keys go
     * @param patience how long a client may take to show its prompt
     */
    public ClientTyping(Supplier<ScreenText> screen, TtyConnector tty, Duration patience) {
        this.screen = screen;
        this.tty = tty;
        this.patience = patience;
    }

    /**
     * Types the session and returns the text as typed (values filled, controls stripped), line by line.
     *
     * @param submitLast whether the last line gets Enter; a flagged step's last line is left for the responder
     */
    public String type(ClientSession session, Map<String, String> values, boolean submitLast)
            throws IOException, InterruptedException {
        String outerPrompt = beforeCursor(screen.get());
        String start = clean(session.start(), values);
        List<String> inner = session.inner().stream().map(line -> clean(line, values)).toList();
        ScreenText before = screen.get();
        tty.write(start.replace("\n", "\r") + (inner.isEmpty() && !submitLast ? "" : "\r"));
        StringBuilder typed = new StringBuilder(start);
        for (int i = 0; i < inner.size(); i++) {
            if (!awaitPrompt(session, before, outerPrompt)) {
                throw new NoPrompt(session.client() + " showed no prompt within " + patience.toSeconds() + " s"
                        + (i == 0 ? " after it was started" : " after line " + i + " (" + inner.get(i - 1) + ")")
                        + "; not typed: " + String.join(" / ", inner.subList(i, inner.size())));
            }
            before = screen.get();
            boolean last = i == inner.size() - 1;
            tty.write(inner.get(i) + (last && !submitLast ? "" : "\r"));
            typed.append('\n').append(inner.get(i));
        }
        return typed.toString();
    }

    private boolean awaitPrompt(ClientSession session, ScreenText before, String outerPrompt)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            ScreenText now = screen.get();
            String line = beforeCursor(now);
            if (!now.equals(before) && session.prompt().matcher(line).matches()
                    && !(session.shell() && line.strip().equals(outerPrompt.strip()))) {
                return true;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return false;
    }

    /** The cursor's line up to the cursor: where a prompt waits for a line. */
    static String beforeCursor(ScreenText text) {
        if (text.cursorRow() < 0 || text.cursorRow() >= text.lines().size()) {
            return "";
        }
        String line = text.lines().get(text.cursorRow());
        return line.substring(0, Math.min(Math.max(text.cursorColumn(), 0), line.length()));
    }

    private static String clean(String text, Map<String, String> values) {
        return TerminalText.stripControls(Placeholders.fill(text, values)).replace("\t", " ").strip();
    }
}
