package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The quick searches for the text a rule needs (over bytes, as a copy reads a file, and over a line)
 * answer exactly as the plain one does: each trigger searched for in the lower-cased line. A line they
 * wrongly passed over would leave its secret in a bundle.
 */
class SecretTriggersTest {
    /** Pieces of triggers, whole triggers in mixed case, near misses, ISO-8859-1 and wider characters. */
    private static final String[] PIECES = {"pass", "PassWord", "passwd", "PASSPHRASE", "secr", "secret", "SeCrEt",
        "tok", "token", "TOKEN", "api", "apikey", "Api_Key", "api-key", "access", "accesskey", "ACCESS_KEY", "access-key",
        "private", "privatekey", "Private_Key", "private-key", "credential", "CREDENTIALS", "-----", "-----BEGIN",
        "-----begin", "AKIA", "akia", "ASIA", "ABIA", "ACCA", "AIDA", "AROA", "aro", "ghp_", "gho_", "GHU_", "ghs_",
        "ghr_", "gh", "github_pat_", "github_pa", "xox", "XOX", "xo", "hooks.slack", "hooks.", "eyJ", "ey", "EYJ", "bearer",
        "BEARER", "bear", "authorization", "Authorization", "author", ":/", "://", "/", ":", "requirepass", "masterauth",
        "mysql", "MySQL", "mariadb", "redis-cli", "redis", "docker", "openssl", "sshpass", "curl", "CURL", "cur", "re",
        "se", "to", "a", "p", "k", " ", "=", "_", "\t", "0123", "ÀÉÎ", "é", "ß", "ÿ", "\u00c0kia", "to\u212Aen", "\u212A",
        "İ", "aİda", "ı", "\u0130", "Σ", "😀", "\u0000", "\u00ad"};

    @Test
    void theQuickSearchesAgreeWithThePlainOne() {
        SplittableRandom random = new SplittableRandom(32);
        int withTrigger = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int pieces = random.nextInt(6); pieces >= 0; pieces--) {
                line.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String text = line.toString();
            boolean expected = SecretScanner.mayHoldSecretAnyCase(text);
            withTrigger += expected ? 1 : 0;
            assertThat(SecretScanner.mayHoldSecret(text)).as("%s", text).isEqualTo(expected);
            // A copy reads files byte for byte as ISO-8859-1.
            String latin = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.UTF_8);
            assertThat(SecretScanner.mayHoldSecret(bytes, 1, bytes.length - 1)).as("%s", text)
                    .isEqualTo(SecretScanner.mayHoldSecretAnyCase(latin));
        }
        // Both answers are met often enough for the comparison to mean something.
        assertThat(withTrigger).isBetween(5_000, 45_000);
    }

    @Test
    void theByteSearchLooksOnlyWithinItsBounds() {
        byte[] text = "token|quiet|secret".getBytes(StandardCharsets.US_ASCII);
        assertThat(SecretScanner.mayHoldSecret(text, 6, 11)).isFalse();
        assertThat(SecretScanner.mayHoldSecret(text, 1, 17)).isFalse();
        assertThat(SecretScanner.mayHoldSecret(text, 0, 5)).isTrue();
        assertThat(SecretScanner.mayHoldSecret(text, 12, 18)).isTrue();
    }
}
