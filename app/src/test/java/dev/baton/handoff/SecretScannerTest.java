package dev.baton.handoff;

import dev.baton.incident.SecretScanner;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretScannerTest {
    @Test
    void everyKindOfSecretIsRedactedAndNamed() throws Exception {
        for (SecretFixtures.Fixture fixture : SecretFixtures.SECRETS) {
            Redactor redactor = new Redactor(Set.of());
            String out = redactor.redactText("notes.md", "before\n" + fixture.line() + "\nafter\n");
            assertThat(out).as(fixture.line()).doesNotContain(fixture.value())
                    .contains("[REDACTED:" + fixture.kind() + "]").startsWith("before\n").endsWith("\nafter\n");
            assertThat(redactor.redacted()).as(fixture.line())
                    .anySatisfy(f -> assertThat(f.kind()).isEqualTo(fixture.kind()));
        }
    }

    @Test
    void referencesToSecretsAreNotSecrets() throws Exception {
        for (String line : SecretFixtures.NOT_SECRETS) {
            Redactor redactor = new Redactor(Set.of());
            assertThat(redactor.redactText("notes.md", line + "\n")).isEqualTo(line + "\n");
            assertThat(redactor.found()).as(line).isEmpty();
        }
    }

    @Test
    void aPrivateKeyBlockGoesWholeAndTheLinesAroundItStay() throws Exception {
        String text = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1\nqZ8x\n-----END RSA PRIVATE KEY-----\nnext\n";
        Redactor redactor = new Redactor(Set.of());
        String out = redactor.redactText("captures/0001-db1-stdout.txt", text);
        assertThat(out).doesNotContain("MIIEowIBAAKCAQEA1").doesNotContain("qZ8x").doesNotContain("BEGIN")
                .startsWith("key:\n").endsWith("\nnext\n");
        assertThat(redactor.redacted()).extracting(Redactor.Finding::line).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void aKeptFindingStaysAndOnlyIt() throws Exception {
        String text = "password=first-one\npassword=second-one\n";
        Redactor scan = new Redactor(Set.of());
        scan.redactText("notes.md", text);
        String keepSecond = scan.found().get(1).finding().id();

        Redactor export = new Redactor(Set.of(keepSecond));
        String out = export.redactText("notes.md", text);
        assertThat(out).isEqualTo("password=[REDACTED:password-assignment]\npassword=second-one\n");
        assertThat(export.kept()).extracting(Redactor.Finding::id).containsExactly(keepSecond);
        assertThat(scan.found().get(0).context()).contains("firs••••").doesNotContain("first-one");
    }

    @Test
    void bytesThatAreNotUtf8ComeThroughUnchangedWhereNothingWasFound() throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        var out = new java.io.ByteArrayOutputStream();
        new Redactor(Set.of()).copyText("captures/x.bin", new java.io.ByteArrayInputStream(binary), out);
        assertThat(out.toByteArray()).isEqualTo(binary);
    }

    @Test
    void aRedactedTimelineStillVerifiesAndUntouchedLinesKeepTheirBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("timeline.jsonl");
        try (var timeline = dev.baton.incident.Timeline.open(file)) {
            timeline.append("step.sent", java.util.Map.of("text", "uptime", "target", "Local 1"));
            timeline.append("step.sent", java.util.Map.of("text", "curl -H 'Authorization: Bearer "
                    + "Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZg.k7Q' https://api", "target", "Local 1"));
            timeline.append("note.saved", java.util.Map.of("chars", 3));
        }
        var out = new java.io.ByteArrayOutputStream();
        Redactor redactor = new Redactor(Set.of());
        String head;
        try (var in = java.nio.file.Files.newInputStream(file)) {
            head = redactor.copyJsonLines("timeline.jsonl", in, out, true);
        }
        java.nio.file.Path copy = dir.resolve("copy.jsonl");
        java.nio.file.Files.write(copy, out.toByteArray());
        var check = dev.baton.incident.Timeline.verify(copy);
        assertThat(check.problems()).isEmpty();
        assertThat(check.headHash()).isEqualTo(head);
        String copied = java.nio.file.Files.readString(copy);
        assertThat(copied).doesNotContain("Zm9vYmFy").contains("[REDACTED:bearer-token]");
        assertThat(copied.lines().findFirst()).isEqualTo(java.nio.file.Files.readString(file).lines().findFirst());
        assertThat(redactor.redacted().get(0).place()).isEqualTo("timeline.jsonl line 2, data.text");
    }
}
