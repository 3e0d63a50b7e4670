package dev.baton.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesConfigTest {
    @TempDir
    Path dir;

    private static final String USER_FILE = """
            prometheus:
              - name: main
                url: http://127.0.0.1:9090
                default: true
                auth: { bearer_token_env: PROM_TOKEN }
                ca_file: /etc/ssl/team-ca.pem
              - name: staging
                url: https://prom.staging.example.com/prom/
            loki: [ { name: logs, url: http://127.0.0.1:3100 } ]
            alertmanager: [ { name: am, url: http://127.0.0.1:9093, auth: { username: baton, password_file: am.pw } } ]
            grafana_url: https://grafana.example.com
            """;

    @Test
    void theEnginesOfConfigYamlAreNoUnknownKeyToTheSources() {
        // EngineConfig reads them (and says a runbook folder's baton.yaml may not set them).
        SourcesConfig config = SourcesConfig.parse("engines:\n  prod_db: ansible\n", "config.yaml", dir);
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void readsEveryKindWithItsAuthCaAndGrafana() throws IOException {
        Path file = write(dir.resolve("baton/config.yaml"), USER_FILE);

        SourcesConfig config = SourcesConfig.load(Map.of("XDG_CONFIG_HOME", dir.toString()), null);

        assertThat(config.problems()).isEmpty();
        DataSource main = config.defaultSource(SourceKind.PROMETHEUS).orElseThrow();
        assertThat(main.name()).isEqualTo("main");
        assertThat(main.url()).isEqualTo(URI.create("http://127.0.0.1:9090"));
        assertThat(main.auth()).isEqualTo(new SourceAuth.Bearer("PROM_TOKEN", null));
        assertThat(main.caFile()).isEqualTo(Path.of("/etc/ssl/team-ca.pem"));
        assertThat(main.verifyTls()).isTrue();
        assertThat(main.grafanaUrl()).isEqualTo("https://grafana.example.com");
        assertThat(config.byName(SourceKind.PROMETHEUS, "staging").orElseThrow().isDefault()).isFalse();
        assertThat(config.defaultSource(SourceKind.LOKI).orElseThrow().name()).isEqualTo("logs");
        DataSource am = config.byName(SourceKind.ALERTMANAGER, "am").orElseThrow();
        assertThat(am.auth()).isEqualTo(new SourceAuth.Basic("baton", null, file.getParent().resolve("am.pw")));
        assertThat(config.byName(SourceKind.ALERTMANAGER, "main")).isEmpty();
    }

    @Test
    void theRunbookFolderAddsSourcesButNeverReplacesTheUsersOfTheSameName() throws IOException {
        write(dir.resolve("xdg/baton/config.yaml"), USER_FILE);
        Path runbooks = dir.resolve("runbooks");
        write(runbooks.resolve("baton.yaml"), """
                prometheus:
                  - name: staging
                    url: http://10.0.0.5:9090
                    default: true
                  - name: team
                    url: http://10.0.0.7:9090
                alertmanager:
                  - name: team-am
                    url: http://10.0.0.6:9093
                """);

        SourcesConfig config = SourcesConfig.load(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), runbooks);

        assertThat(config.problems()).singleElement().asString().contains("prometheus staging is also in your config.yaml");
        assertThat(config.sources(SourceKind.PROMETHEUS)).extracting(DataSource::name)
                .containsExactly("main", "staging", "team");
        assertThat(config.byName(SourceKind.PROMETHEUS, "staging").orElseThrow().url())
                .isNotEqualTo(URI.create("http://10.0.0.5:9090"));
        assertThat(config.defaultSource(SourceKind.PROMETHEUS).orElseThrow().name()).isEqualTo("main");
        assertThat(config.sources(SourceKind.ALERTMANAGER)).extracting(DataSource::name).containsExactly("am", "team-am");
        assertThat(config.grafanaUrl()).contains("https://grafana.example.com");
    }

    @Test
    void badYamlIsAMessageWithItsLine() throws IOException {
        Path file = write(dir.resolve("baton.yaml"), """
                prometheus:
                  - name: main
                    url: http://127.0.0.1:9090
                  bad: [unclosed
                """);

        SourcesConfig config = SourcesConfig.read(file);

        assertThat(config.sources()).isEmpty();
        assertThat(config.problems()).singleElement().asString()
                .startsWith(file + ", line ").contains("not valid YAML");
    }

    @Test
    void aUrlThatIsNotHttpAndTwoDefaultsAreMessagesTheRestStillCounts() {
        SourcesConfig config = SourcesConfig.parse("""
                prometheus:
                  - { name: a, url: http://127.0.0.1:9090, default: true }
                  - { name: b, url: https://127.0.0.1:9091, default: true }
                  - { name: c, url: "file:///etc/passwd" }
                  - { name: d, url: "ftp://example.com" }
                  - { name: e, url: "http://user:hunter2@example.com" }
                  - { name: f, url: http://127.0.0.1:9092, verify_tls: false }
                  - { url: http://127.0.0.1:9093 }
                """, "baton.yaml", dir);

        assertThat(config.sources(SourceKind.PROMETHEUS)).extracting(DataSource::name).containsExactly("a", "b", "f");
        assertThat(config.defaultSource(SourceKind.PROMETHEUS).orElseThrow().name()).isEqualTo("a");
        assertThat(config.byName(SourceKind.PROMETHEUS, "b").orElseThrow().isDefault()).isFalse();
        assertThat(config.byName(SourceKind.PROMETHEUS, "f").orElseThrow().verifyTls()).isTrue();
        assertThat(config.problems()).anySatisfy(p -> assertThat(p).contains("two prometheus sources are marked default"))
                .anySatisfy(p -> assertThat(p).contains("prometheus c: url file:///etc/passwd is not an http or https"))
                .anySatisfy(p -> assertThat(p).contains("prometheus d: url ftp://example.com is not an http or https"))
                .anySatisfy(p -> assertThat(p).contains("prometheus e: the url holds credentials"))
                .anySatisfy(p -> assertThat(p).contains("verify_tls: false is not supported"))
                .anySatisfy(p -> assertThat(p).contains("a source has no name"))
                .noneSatisfy(p -> assertThat(p).contains("hunter2"));
    }

    @Test
    void aSecretPastedIntoAuthIsNotEchoed() {
        SourcesConfig config = SourcesConfig.parse("""
                alertmanager:
                  - name: am
                    url: http://127.0.0.1:9093
                    auth: { bearer_token: s3cr3t-t0ken }
                """, "config.yaml", dir);

        assertThat(config.sources()).isEmpty();
        assertThat(config.problems()).singleElement().asString().contains("bearer_token").doesNotContain("s3cr3t-t0ken");
    }

    @Test
    void noFilesMeansNoSourcesAndNoProblems() {
        SourcesConfig config = SourcesConfig.load(Map.of("XDG_CONFIG_HOME", dir.toString()), dir.resolve("runbooks"));

        assertThat(config.sources()).isEmpty();
        assertThat(config.problems()).isEmpty();
        assertThat(config.defaultSource(SourceKind.ALERTMANAGER)).isEmpty();
    }

    @Test
    void theUserFileFollowsXdgConfigHome() {
        assertThat(SourcesConfig.userFile(Map.of("XDG_CONFIG_HOME", "/srv/cfg")))
                .isEqualTo(Path.of("/srv/cfg/baton/config.yaml"));
        assertThat(SourcesConfig.userFile(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".config", "baton", "config.yaml"));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
