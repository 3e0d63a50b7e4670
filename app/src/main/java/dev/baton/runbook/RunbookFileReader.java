package dev.baton.runbook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a runbook file into text without ever failing on its content: what cannot be read is refused
 * with a message, what can be repaired is repaired and said.
 */
public final class RunbookFileReader {
    /** Larger than any runbook a human writes; anything bigger is a log or a dump opened by mistake. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    public SourceText read(Path path) throws RunbookReadException {
        byte[] bytes = readBounded(path);
        return decode(path, bytes);
    }

    /** The file's bytes, as {@link #read} reads them before decoding (for a caller that also hashes them). */
    byte[] readBytes(Path path) throws RunbookReadException {
        return readBounded(path);
    }

    SourceText decode(Path path, byte[] bytes) throws RunbookReadException {
        int nul = indexOfNul(bytes);
        if (nul >= 0) {
            throw new RunbookReadException(path, "binary file (NUL byte at offset " + nul + "), not a Markdown runbook");
        }
        if (isAscii(bytes)) {
            // Most runbooks: no byte-order mark, nothing to decode or repair, one copy.
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            return new SourceText(text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n'), List.of());
        }
        List<String> notices = new ArrayList<>();
        int start = hasUtf8Bom(bytes) ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, start, bytes.length - start, WINDOWS_1252);
            notices.add("not valid UTF-8; read as windows-1252 — save the file as UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        MojibakeRepair.Result repaired = MojibakeRepair.repair(text);
        if (repaired.count() > 0) {
            text = repaired.text();
            notices.add("repaired " + repaired.count()
                    + " mis-encoded character sequence(s) (UTF-8 read as windows-1252), e.g. \""
                    + repaired.example() + "\"");
        }
        return new SourceText(text, notices);
    }

    private static byte[] readBounded(Path path) throws RunbookReadException {
        try {
            if (Files.isDirectory(path)) {
                throw new RunbookReadException(path, "is a directory, not a runbook file");
            }
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                // Reading a FIFO or a device would wait, or read, forever.
                throw new RunbookReadException(path, "is not a regular file (a pipe, socket or device); not read");
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                throw new RunbookReadException(path, tooLarge(size));
            }
            // The size can change between the check and the read; read no more than the limit.
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new RunbookReadException(path, tooLarge(bytes.length));
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new RunbookReadException(path, "file not found", e);
        } catch (IOException e) {
            throw new RunbookReadException(path, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static String tooLarge(long size) {
        return String.format("too large for a runbook (%.1f MB; the limit is %d MB)",
                size / (1024.0 * 1024.0), MAX_BYTES / (1024 * 1024));
    }

    private static int indexOfNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasUtf8Bom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }
}
