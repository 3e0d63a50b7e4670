package dev.baton.incident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream split at line feeds (kept), lines longer than {@link #MAX_LINE} cut after a blank so that a token is
 * never split between two pieces: what a secret scan reads, one line at a time.
 */
public final class TextLines {
    /** Lines longer than this are read in pieces; a piece ends after the last space or tab of its final {@link #CUT_WINDOW} bytes. */
    public static final int MAX_LINE = 1 << 20;
    public static final int CUT_WINDOW = 4096;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** What followed the cut of the last piece: the start of the next one. */
    private byte[] carried = new byte[0];

    public TextLines(InputStream in) {
        this.in = in;
    }

    /** The next line with its line feed, or piece of a long line; null at the end. */
    public byte[] next() throws IOException {
        line.reset();
        line.write(carried);
        carried = new byte[0];
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return line.size() == 0 ? null : line.toByteArray();
                }
            }
            int start = position;
            // The bound is worked out once: asking the line's (synchronised) size at every byte took a
            // third of a bundle export's time.
            int stop = (int) Math.min(limit, (long) start + MAX_LINE - line.size());
            while (position < stop && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit && buffer[position] == '\n';
            if (ended) {
                position++;
            }
            if (ended && line.size() == 0) {
                return java.util.Arrays.copyOfRange(buffer, start, position);
            }
            line.write(buffer, start, position - start);
            if (ended) {
                return line.toByteArray();
            }
            if (line.size() >= MAX_LINE) {
                return cutAfterBlank(line.toByteArray());
            }
        }
    }

    private byte[] cutAfterBlank(byte[] piece) {
        for (int i = piece.length - 1; i >= piece.length - CUT_WINDOW && i > 0; i--) {
            if (piece[i] == ' ' || piece[i] == '\t') {
                carried = java.util.Arrays.copyOfRange(piece, i + 1, piece.length);
                return java.util.Arrays.copyOf(piece, i + 1);
            }
        }
        return piece;
    }
}
