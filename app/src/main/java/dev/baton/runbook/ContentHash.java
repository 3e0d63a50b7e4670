package dev.baton.runbook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in hex: what ties a cached runbook to the bytes it was read from, and a cached line to its text. */
final class ContentHash {
    private ContentHash() {
    }

    static String of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    static String of(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The hash of {@code bytes}, worked out once when first asked for, from any thread; the bytes are let go then. */
    static java.util.function.Supplier<String> later(byte[] bytes) {
        return new java.util.function.Supplier<>() {
            private byte[] pending = bytes;
            private String hash;

            @Override
            public synchronized String get() {
                if (hash == null) {
                    hash = of(pending);
                    pending = null;
                }
                return hash;
            }
        };
    }

    static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
