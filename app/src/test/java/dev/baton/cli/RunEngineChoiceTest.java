package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton run} without --engine takes the engine the inventory or the responder's config.yaml sets; one it does
 * not have is refused before anything runs, naming the group that set it.
 */
class RunEngineChoiceTest {
    @TempDir
    Path dir;

    @AfterEach
    void forgetConfigHome() {
        System.clearProperty("baton.config-home");
    }

    private record Ran(int status, String err) {}

    private Ran run(String... extra) throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts.ini"),
                "[prod_db]\ndb1 ansible_host=127.0.0.1 ansible_port=1\n[web]\nweb1 ansible_host=127.0.0.1 ansible_port=1\n"
                        + "[prod_db:vars]\nbaton_engine=salt\n");
        List<String> args = new ArrayList<>(List.of("run", "--inventory", inventory.toString(), "--command", "uptime",
                "--yes", "--json"));
        args.addAll(List.of(extra));
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
            int status = BatonCommand.commandLine(folder -> { }).execute(args.toArray(String[]::new));
            return new Ran(status, said.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void anEngineTheInventoryNamesButBatonDoesNotHaveIsRefusedNamingTheGroup() throws Exception {
        Ran ran = run("--group", "prod_db");
        assertThat(ran.status()).isEqualTo(RunCommand.REFUSED);
        assertThat(ran.err()).contains("group prod_db").contains("'salt'").contains("--engine ssh|ansible");
    }

    @Test
    void anEngineConfigYamlNamesButBatonDoesNotHaveIsRefusedNamingTheGroupAndTheFile() throws Exception {
        Path home = Files.createDirectories(dir.resolve("xdg/baton"));
        Files.writeString(home.resolve("config.yaml"), "engines:\n  web: chef\n");
        System.setProperty("baton.config-home", dir.resolve("xdg").toString());
        Ran ran = run("--group", "web");
        assertThat(ran.status()).isEqualTo(RunCommand.REFUSED);
        assertThat(ran.err()).contains("group web in your config.yaml").contains("'chef'");
    }
}
