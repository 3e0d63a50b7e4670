package dev.baton.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LastCommandOutputTest {
    @Test
    void theOutputIsWhatLiesBetweenThePreviousPromptAndTheCursor() {
        List<String> lines = List.of(
                "root@db1:~# uptime",
                " 03:12:05 up 8 days",
                "root@db1:~# df -h /",
                "Filesystem Size Used",
                "/dev/vda   252G 24G",
                "root@db1:~# ",
                "");
        LastCommandOutput last = LastCommandOutput.find(lines, 5, 12).orElseThrow();
        assertThat(last.command()).isEqualTo("df -h /");
        assertThat(last.output()).isEqualTo("Filesystem Size Used\n/dev/vda   252G 24G");
    }

    @Test
    void aPromptThatNowShowsAnotherDirectoryStillMatchesByItsStem() {
        List<String> lines = List.of(
                "ops@web1:~$ cd /var/log",
                "ops@web1:/var/log$ ls | head -2",
                "auth.log",
                "syslog",
                "ops@web1:/var/log$ ");
        assertThat(LastCommandOutput.find(lines, 4, 19).orElseThrow().command()).isEqualTo("ls | head -2");

        List<String> moved = List.of(
                "ops@web1:~$ cd /tmp && ls",
                "a.txt",
                "ops@web1:/tmp$ ");
        LastCommandOutput last = LastCommandOutput.find(moved, 2, 15).orElseThrow();
        assertThat(last.command()).isEqualTo("cd /tmp && ls");
        assertThat(last.output()).isEqualTo("a.txt");
    }

    @Test
    void nothingIsFoundWithoutAnEarlierPromptOrWhenOnlyEnterWasPressed() {
        assertThat(LastCommandOutput.find(List.of("welcome", "$ "), 1, 2)).isEmpty();
        assertThat(LastCommandOutput.find(List.of("$ ls", "a", "$ ", "$ "), 3, 2)).isEmpty();
        assertThat(LastCommandOutput.find(List.of("no prompt here"), 0, 0)).isEmpty();
    }
}
