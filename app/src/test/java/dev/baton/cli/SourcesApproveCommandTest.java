package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.sources.DataSource;
import dev.baton.sources.SourceKind;
import dev.baton.sources.SourcesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton sources approve DIR}: a runbook folder's baton.yaml that reads secrets is left out until approved,
 * once, for exactly that file. The approval goes beside the config.yaml of {@code baton.config-home}, never into
 * the real ~/.config.
 */
class SourcesApproveCommandTest {
    private static final String PROPERTY = "baton.config-home";

    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void configHere() {
        before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, dir.resolve("config").toString());
    }

    @AfterEach
    void configBack() {
        if (before == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, before);
        }
    }

    @Test
    void approvingAFolderLetsItsSourcesReadTheirSecretsUntilTheFileChanges() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("team-runbooks"));
        Path yaml = runbooks.resolve("baton.yaml");
        Files.writeString(yaml, """
                prometheus:
                  - name: team
                    url: http://127.0.0.1:9/
                    auth: { bearer_token_env: TEAM_PROM_TOKEN }
                """);
        assertThat(SourcesConfig.load(Map.of(), runbooks).sources(SourceKind.PROMETHEUS)).isEmpty();

        CliRun run = CliRun.of("sources", "approve", runbooks.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("prometheus team at http://127.0.0.1:9/").contains("TEAM_PROM_TOKEN")
                .contains("Approved");
        Path approvals = dir.resolve("config/baton/approved-folders");
        assertThat(approvals).exists();
        assertThat(Files.readString(approvals)).contains(runbooks.toAbsolutePath().normalize().toString());
        assertThat(SourcesConfig.load(Map.of(), runbooks).sources(SourceKind.PROMETHEUS)).extracting(DataSource::name)
                .containsExactly("team");

        CliRun again = CliRun.of("sources", "approve", runbooks.toString());
        assertThat(again.out()).contains("nothing to do");

        Files.writeString(yaml, Files.readString(yaml).replace("127.0.0.1:9", "127.0.0.2:9"));
        assertThat(SourcesConfig.load(Map.of(), runbooks).sources(SourceKind.PROMETHEUS)).isEmpty();
    }

    @Test
    void aFolderWithoutBatonYamlIsAnErrorThatNamesTheFile() {
        CliRun run = CliRun.of("sources", "approve", dir.resolve("nowhere").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nowhere").contains("baton.yaml does not exist");
        assertThat(dir.resolve("config")).doesNotExist();
    }
}
