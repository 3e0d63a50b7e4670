package dev.baton.runbook;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Undoes the common damage where UTF-8 bytes were once decoded as windows-1252 and saved again, so that
 * "ðŸ”´" reads as the 🔴 it was. Only a run of characters that re-encodes to valid multi-byte UTF-8 is
 * replaced, so ordinary accented text ("café") is left as it is.
 */
final class MojibakeRepair {
    record Result(String text, int count, String example) {}

    /** The byte windows-1252 decodes to each character, -1 for none; indexed by char (0x80 to U+2122). */
    private static final short[] WINDOWS_1252_BYTES = windows1252Bytes();

    private MojibakeRepair() {
    }

    static Result repair(String text) {
        StringBuilder out = null;
        int count = 0;
        String example = null;
        int i = 0;
        int copiedUpTo = 0;
        while (i < text.length()) {
            if (byteOf(text.charAt(i)) < 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && byteOf(text.charAt(end)) >= 0) {
                end++;
            }
            String repaired = decodeAsUtf8(text, i, end);
            if (repaired != null) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copiedUpTo, i).append(repaired);
                copiedUpTo = end;
                count++;
                if (example == null) {
                    example = text.substring(i, end) + "\" → \"" + repaired;
                }
            }
            i = end;
        }
        if (out == null) {
            return new Result(text, 0, null);
        }
        out.append(text, copiedUpTo, text.length());
        return new Result(out.toString(), count, example);
    }

    /** The run's windows-1252 bytes as UTF-8, or null when they are not a clean multi-byte sequence. */
    private static String decodeAsUtf8(String text, int from, int to) {
        if (to - from < 2) {
            return null;
        }
        byte[] bytes = new byte[to - from];
        for (int k = from; k < to; k++) {
            bytes[k - from] = (byte) byteOf(text.charAt(k));
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return decoded.chars().allMatch(c -> c >= 0x80) ? decoded : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A table lookup: this runs over every character of every runbook read. */
    private static int byteOf(char c) {
        return c < 0x80 || c >= WINDOWS_1252_BYTES.length ? -1 : WINDOWS_1252_BYTES[c];
    }

    /** Characters windows-1252 produces for bytes 0x80–0xFF; the five bytes it leaves undefined map as Latin-1. */
    private static short[] windows1252Bytes() {
        Charset cp1252 = Charset.forName("windows-1252");
        char[] chars = new char[0x80];
        char highest = 0;
        for (int b = 0x80; b <= 0xFF; b++) {
            String s = new String(new byte[] {(byte) b}, cp1252);
            chars[b - 0x80] = s.length() == 1 && s.charAt(0) != '\uFFFD' ? s.charAt(0) : (char) b;
            highest = (char) Math.max(highest, chars[b - 0x80]);
        }
        short[] table = new short[highest + 1];
        java.util.Arrays.fill(table, (short) -1);
        for (int b = 0x80; b <= 0xFF; b++) {
            table[chars[b - 0x80]] = (short) b;
        }
        return table;
    }
}
