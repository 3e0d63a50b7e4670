package dev.baton.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsibleInvocationAskingAgainTest {
    private static final AnsibleInvocation RUN = new AnsibleInvocation("all", Path.of("/srv/team/hosts.ini"),
            List.of("web-1", "db-1", "db-2"), 32, Duration.ofMinutes(10), "rm -rf /var/cache/app; echo $(id)",
            Path.of("/srv/team"), null, Map.of("ANSIBLE_PIPELINING", "True"));

    @Test
    void asksOnlyThoseHostsWithPingThroughTheSameInventoryAndFolderWithoutPipelining() {
        AnsibleInvocation again = RUN.askingAgain(List.of("db-1", "db-2"), null);
        assertThat(again.argv(Path.of("/usr/bin/ansible"))).containsExactly("/usr/bin/ansible", "all", "-i",
                "/srv/team/hosts.ini", "--limit", "db-1,db-2", "-m", "ping", "--forks", "2");
        assertThat(again.workingDirectory()).isEqualTo(Path.of("/srv/team"));
        assertThat(again.environment(Map.of("ANSIBLE_PIPELINING", "True", "HOME", "/home/ana")))
                .containsEntry("ANSIBLE_PIPELINING", "False").containsEntry("HOME", "/home/ana")
                .containsEntry("ANSIBLE_BECOME", "False")
                .containsEntry("ANSIBLE_STDOUT_CALLBACK", AnsibleCommand.JSONL_CALLBACK);
        assertThat(again.shown("")).isEqualTo("ANSIBLE_PIPELINING=False ansible all -i /srv/team/hosts.ini"
                + " --limit db-1,db-2 -m ping --forks 2");
        assertThat(again.pipelinedByBaton()).isFalse();
        assertThat(RUN.pipelinedByBaton()).isTrue();
    }

    @Test
    void theStepNeverReachesTheSecondAttempt() {
        AnsibleInvocation again = RUN.askingAgain(List.of("web-1"), Path.of("/tmp/tree"));
        assertThat(String.join(" ", again.argv(Path.of("ansible")))).doesNotContain("rm -rf", "shell", "baton_step",
                "--task-timeout").endsWith("-m ping --forks 1 --tree /tmp/tree");
        assertThat(again.environment(Map.of())).doesNotContainKey("ANSIBLE_STDOUT_CALLBACK");
    }

    @Test
    void aTeamsPipeliningIsNotBatons() {
        AnsibleInvocation teams = new AnsibleInvocation("all", null, List.of("web-1"), 5, Duration.ZERO, "true", null,
                null, Map.of());
        assertThat(teams.pipelinedByBaton()).isFalse();
    }
}
