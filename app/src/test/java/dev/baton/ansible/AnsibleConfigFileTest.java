package dev.baton.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baton turns on Ansible's pipelining (one ssh round trip per host instead of six) only where the team's own
 * configuration says nothing about it: the environment, or the one ansible.cfg Ansible reads, in any section
 * the ssh connection reads it from.
 */
class AnsibleConfigFileTest {
    @TempDir
    Path dir;

    private AnsibleConfigFile found(Map<String, String> environment) {
        return AnsibleConfigFile.find(environment, dir.resolve("project"), dir.resolve("home"), dir.resolve("etc"));
    }

    @Test
    void withoutAnyConfigurationBatonPipelines() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        assertThat(found(Map.of()).file()).isEmpty();
        assertThat(found(Map.of()).batonDefaults(Map.of())).containsEntry("ANSIBLE_PIPELINING", "True");
    }

    @Test
    void theProjectsAnsibleCfgSayingAnythingAboutPipeliningWins() throws Exception {
        for (String text : new String[] {"[ssh_connection]\npipelining = False\n", "[defaults]\nPIPELINING: false\n",
                "[connection]\npipelining=True\n"}) {
            Files.createDirectories(dir.resolve("project"));
            Files.writeString(dir.resolve("project/ansible.cfg"), "# the team's\n" + text);
            assertThat(found(Map.of()).file()).contains(dir.resolve("project/ansible.cfg"));
            assertThat(found(Map.of()).batonDefaults(Map.of())).as(text).doesNotContainKey("ANSIBLE_PIPELINING");
        }
    }

    @Test
    void aCommentedOutOrOtherSectionsKeyIsNotTheTeamsSetting() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project/ansible.cfg"),
                "[defaults]\n# pipelining = False\n;pipelining = False\n[persistent_connection]\npipelining = False\n");
        assertThat(found(Map.of()).batonDefaults(Map.of())).containsEntry("ANSIBLE_PIPELINING", "True");
    }

    @Test
    void theEnvironmentAndAnsibleConfigComeFirst() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        assertThat(found(Map.of()).batonDefaults(Map.of("ANSIBLE_SSH_PIPELINING", "0")))
                .doesNotContainKey("ANSIBLE_PIPELINING");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.cfg"), "[ssh_connection]\npipelining = False\n");
        Files.writeString(dir.resolve("project/ansible.cfg"), "[defaults]\nforks = 5\n");
        AnsibleConfigFile chosen = found(Map.of("ANSIBLE_CONFIG", elsewhere.toString()));
        assertThat(chosen.file()).contains(elsewhere);
        assertThat(chosen.batonDefaults(Map.of())).doesNotContainKey("ANSIBLE_PIPELINING");
    }

    @Test
    void theHomeFileIsReadOnlyWhenTheProjectHasNone() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/.ansible.cfg"), "[ssh_connection]\npipelining = False\n");
        assertThat(found(Map.of()).file()).contains(dir.resolve("home/.ansible.cfg"));
        assertThat(found(Map.of()).batonDefaults(Map.of())).doesNotContainKey("ANSIBLE_PIPELINING");
    }

    @Test
    void aKeyWithoutAValueOrAnUnreadableFileCountsAsTheTeamsSaying() throws Exception {
        Path bare = Files.writeString(dir.resolve("bare.cfg"), "[ssh_connection]\npipelining\n");
        assertThat(found(Map.of("ANSIBLE_CONFIG", bare.toString())).batonDefaults(Map.of()))
                .doesNotContainKey("ANSIBLE_PIPELINING");
        Path unreadable = Files.write(dir.resolve("latin1.cfg"), new byte[] {'[', 'x', ']', '\n', (byte) 0xff, '\n'});
        assertThat(found(Map.of("ANSIBLE_CONFIG", unreadable.toString())).batonDefaults(Map.of()))
                .doesNotContainKey("ANSIBLE_PIPELINING");
    }
}
