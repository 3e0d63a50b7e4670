package dev.baton.alerts;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The text of a saved or piped alert: UTF-8 (as JSON is), or a message that says which byte is not and where. */
public final class AlertText {
    private AlertText() {}

    public static String decode(byte[] bytes) throws AlertJsonException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new AlertJsonException(String.format(java.util.Locale.ROOT, "Not UTF-8: byte 0x%02X at offset %d "
                    + "(line %d, column %d) is not valid UTF-8; JSON is UTF-8, save the alert as UTF-8",
                    bytes[offset] & 0xff, offset, line, column));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
