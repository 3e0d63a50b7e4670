package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.sources.SourcesConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords in command-line urls are masked, loose file modes are warned of, non-UTF-8 alerts say where. */
class SourceHygieneTest {
    @TempDir
    Path dir;

    @Test
    void aPasswordInACommandLineUrlIsNeverEchoed() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://oncall:s3cret-pw@127.0.0.1:" + closed;

        CliRun alerts = CliRun.of("alerts", "--alertmanager", url, "--dir", dir.toString());
        CliRun query = CliRun.of("query", "--prometheus", url, "--instant", "up");
        CliRun notHttp = CliRun.of("query", "--prometheus", "ftp://oncall:s3cret-pw@127.0.0.1:" + closed, "up");

        assertThat(alerts.exitCode()).isEqualTo(1);
        assertThat(alerts.err()).contains("***@127.0.0.1:" + closed).contains("connection refused")
                .doesNotContain("s3cret-pw");
        assertThat(query.exitCode()).isEqualTo(1);
        assertThat(query.err()).contains("***@127.0.0.1:" + closed).doesNotContain("s3cret-pw");
        assertThat(notHttp.err()).isNotBlank().doesNotContain("s3cret-pw");
        assertThat(alerts.out() + query.out()).doesNotContain("s3cret-pw");
    }

    @Test
    void aWorldWritableConfigAndAWorldReadableSecretFileAreWarnedOf() throws Exception {
        Path secret = Files.writeString(dir.resolve("am.pw"), "pw");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        Path config = Files.writeString(dir.resolve("config.yaml"), "alertmanager:\n  - name: am\n    url: http://127.0.0.1:9093\n"
                + "    auth: { username: baton, password_file: am.pw }\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(SourcesConfig.read(config).problems())
                .anySatisfy(p -> assertThat(p).contains("writable by other users").contains("chmod o-w " + config))
                .anySatisfy(p -> assertThat(p).contains("the secret file " + secret + " is readable by other users"));

        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(SourcesConfig.read(config).problems()).isEmpty();
    }

    @Test
    void anAlertFileThatIsNotUtf8SaysWhichByteAndWhere() throws Exception {
        byte[] bytes = "{\"labels\": {\n  \"alertname\": \"Caf\u00e9\"}}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("alert.json"), bytes);

        CliRun run = CliRun.of("open-alert", file.toString(), "--data", dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("baton open-alert: " + file + ": Not UTF-8: byte 0xE9 at offset 32 (line 2, "
                + "column 20) is not valid UTF-8; JSON is UTF-8, save the alert as UTF-8\n");
        assertThat(dir.resolve("data/incidents")).doesNotExist();
    }
}
