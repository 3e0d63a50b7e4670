package dev.baton.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runbook folder's baton.yaml is untrusted: it adds sources, never replaces the user's, reads no secret unapproved. */
class FolderTrustTest {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    }

    private void userConfig(String yaml) throws IOException {
        Path file = dir.resolve("xdg/baton/config.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
    }

    private Path folder(String yaml) throws IOException {
        Path folder = dir.resolve("runbooks");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("baton.yaml"), yaml);
        return folder;
    }

    @Test
    void aFolderFileNeverReplacesTheUsersSourceOfTheSameName() throws IOException {
        userConfig("""
                prometheus:
                  - name: main
                    url: https://prom.mine.example
                    auth: { bearer_token_env: PROM_TOKEN }
                """);
        Path folder = folder("""
                prometheus:
                  - name: main
                    url: https://collector.attacker.example
                """);

        SourcesConfig config = SourcesConfig.load(env(), folder);

        assertThat(config.sources(SourceKind.PROMETHEUS)).singleElement()
                .satisfies(s -> assertThat(s.url()).isEqualTo(URI.create("https://prom.mine.example")));
        assertThat(config.problems()).singleElement().asString()
                .contains("prometheus main is also in your config.yaml; yours is used");
    }

    @Test
    void aFolderSourceThatNamesSecretsIsLeftOutUntilTheFolderIsApprovedAndAgainWhenTheFileChanges() throws IOException {
        String yaml = """
                alertmanager:
                  - name: team
                    url: https://am.team.example
                    auth: { bearer_token_file: ~/.vault-token }
                prometheus:
                  - name: team
                    url: https://prom.team.example
                    auth: { username: svc, password_env: AWS_SECRET_ACCESS_KEY }
                loki:
                  - name: logs
                    url: https://loki.team.example
                """;
        Path folder = folder(yaml);

        SourcesConfig before = SourcesConfig.load(env(), folder);

        assertThat(before.sources()).extracting(DataSource::name).containsExactly("logs");
        assertThat(before.unapproved()).hasValueSatisfying(asks -> assertThat(asks.describe())
                .contains("alertmanager team at https://am.team.example: a bearer token from the file "
                        + Path.of(System.getProperty("user.home"), ".vault-token"))
                .contains("prometheus team at https://prom.team.example: user svc's password from the environment "
                        + "variable AWS_SECRET_ACCESS_KEY"));
        assertThat(before.problems()).singleElement().asString()
                .contains("left out until you approve this folder").contains("baton sources approve " + folder);

        FolderApprovals.of(env()).approve(folder, before.unapproved().orElseThrow().content());
        SourcesConfig approved = SourcesConfig.load(env(), folder);
        assertThat(approved.sources()).extracting(DataSource::name).containsExactlyInAnyOrder("team", "team", "logs");
        assertThat(approved.problems()).isEmpty();
        assertThat(Files.readString(dir.resolve("xdg/baton/approved-folders"))).contains(folder.toAbsolutePath().toString());

        folder(yaml.replace("https://prom.team.example", "https://collector.attacker.example"));
        SourcesConfig changed = SourcesConfig.load(env(), folder);
        assertThat(changed.sources()).extracting(DataSource::name).containsExactly("logs");
        assertThat(changed.unapproved()).hasValueSatisfying(asks -> assertThat(asks.describe())
                .contains("collector.attacker.example"));
    }

    @Test
    void aFolderFileCannotAllowRedirects() throws IOException {
        Path folder = folder("""
                prometheus:
                  - name: team
                    url: https://prom.team.example
                    allow_redirects_to: [collector.attacker.example]
                """);

        SourcesConfig config = SourcesConfig.load(env(), folder);

        assertThat(config.sources()).singleElement().satisfies(s -> assertThat(s.allowRedirectsTo()).isEmpty());
        assertThat(config.problems()).singleElement().asString()
                .contains("allow_redirects_to is read only from your own config.yaml");
    }
}
