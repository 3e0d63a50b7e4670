package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A copy passes on the bytes of a line that holds none of the text a rule needs without scanning it.
 * That decision is taken on whole lines: a secret whose words arrive in two reads, on either side of the
 * read buffer's end, is still found, and a file that is not UTF-8 comes out byte for byte.
 */
class LinesWithoutTriggersTest {
    private static final int READ = 64 * 1024;
    private static final String LOG = "2026-11-25T03:41:16.181Z INFO app[5781] request de4431fa status=200\n"
            .repeat(READ / 60);

    /** Hands out at most {@code most} bytes per read, as a pipe or a slow disk may. */
    private static InputStream inReads(byte[] bytes, int most) {
        return new java.io.ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                return super.read(into, offset, Math.min(length, most));
            }
        };
    }

    private static String copy(Redactor redactor, byte[] bytes, int most) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        redactor.copyText("captures/0001-db1-stdout.txt", inReads(bytes, most), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everySecretWhoseWordsStraddleTheEndOfAReadIsRedacted() throws Exception {
        for (SecretFixtures.Fixture fixture : SecretFixtures.SECRETS) {
            String line = fixture.line().replace("\n", " ");
            // Cut the line at every place: some cut splits the trigger, another the value.
            for (int cut = 1; cut < line.length(); cut++) {
                StringBuilder text = new StringBuilder(LOG.substring(0, READ - cut - 1));
                text.append('\n').append(line).append("\nafter\n");
                assertThat(text.indexOf(line)).isEqualTo(READ - cut);
                Redactor redactor = new Redactor(Set.of());
                String out = copy(redactor, text.toString().getBytes(StandardCharsets.ISO_8859_1), READ);
                assertThat(out).as("%s cut at %d", line, cut).doesNotContain(fixture.value())
                        .contains("[REDACTED:" + fixture.kind() + "]").endsWith("\nafter\n");
            }
        }
    }

    @Test
    void aFileOfOddBytesWithoutSecretsComesOutUnchanged() throws Exception {
        byte[] bytes = new byte[3 * READ + 17];
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < bytes.length; i++) {
            // No letters: no trigger can form; every other byte value, line ends and CRs included.
            int b;
            do {
                b = random.nextInt(256);
            } while (Character.isLetter(b));
            bytes[i] = (byte) b;
        }
        Redactor redactor = new Redactor(Set.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        redactor.copyText("captures/0002-db1-stdout.bin", inReads(bytes, 1000), out);
        assertThat(out.toByteArray()).isEqualTo(bytes);
        assertThat(redactor.found()).isEmpty();
    }

    @Test
    void theLinesOfAPrivateKeyBlockAreRedactedThoughNoneHoldsATrigger() throws Exception {
        String text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + SecretFixtures.KEY_BODY + "\n" + SecretFixtures.KEY_BODY
                + "\n-----END OPENSSH PRIVATE KEY-----\nafter\n";
        Redactor redactor = new Redactor(Set.of());
        String out = copy(redactor, text.getBytes(StandardCharsets.ISO_8859_1), READ);
        assertThat(out).doesNotContain(SecretFixtures.KEY_BODY).endsWith("\nafter\n");
        assertThat(redactor.redacted()).extracting(Redactor.Finding::line).containsExactly(1L, 2L, 3L, 4L);
    }
}
