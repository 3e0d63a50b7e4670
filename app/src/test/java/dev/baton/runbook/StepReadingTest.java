package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps as public runbooks write them: prompts in bash blocks, unlabelled output, spaced placeholders, tabs. */
class StepReadingTest {
    private static Runbook parse(String markdown) {
        return ParsingRulesTest.parseAll("steps.md", markdown).get(0);
    }

    @Test
    void promptLinesInBashShellAndUnlabelledBlocksAreTheCommands() {
        Runbook r = parse("""
                # Queue disk filling up

                ```bash
                $ df -h /var/lib/baton-queue
                Filesystem      Size  Used Avail Use% Mounted on
                /dev/vdb1        50G   47G    3G  94% /var/lib/baton-queue
                $ sudo du -xh --max-depth=1 /var/lib/baton-queue \\
                    | sort -h | tail -5
                ```

                ```shell
                $ cat <<EOF > /tmp/baton-note
                > queue disk checked
                > EOF
                $ uptime
                 12:01:07 up 40 days
                ```

                ```
                $ kubectl -n baton get pods
                NAME           READY   STATUS    RESTARTS   AGE
                queue-0        1/1     Running   0          3d
                ```
                """);
        assertThat(r.steps()).extracting(Step::command).containsExactly(
                "df -h /var/lib/baton-queue\nsudo du -xh --max-depth=1 /var/lib/baton-queue \\\n    | sort -h | tail -5",
                "cat <<EOF > /tmp/baton-note\nqueue disk checked\nEOF\nuptime",
                "kubectl -n baton get pods");
        assertThat(r.steps()).allMatch(Step::runnable);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // sample output of a command
        "NAME           READY   STATUS    RESTARTS   AGE\nqueue-0        1/1     Running   0          3d",
        "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vdb1        50G   47G    3G  94% /srv",
        // logs
        "2026-11-24T03:12:05Z ERROR queue full, dropping message\n2026-11-24T03:12:06Z ERROR queue full, dropping message",
        "Nov 24 03:12:05 queue-1 baton-queue[812]: disk quota exceeded\nNov 24 03:12:09 queue-1 systemd[1]: baton-queue.service: Failed",
        "E1124 03:12:05.123456       1 queue.go:88] cannot write segment\nI1124 03:12:06.000001       1 queue.go:90] retrying",
        "level=error ts=2026-11-24T03:12:05Z msg=\"queue full\"\nlevel=warn ts=2026-11-24T03:12:06Z msg=\"retrying\"",
        // SQL client tables
        " id | state  | retries\n----+--------+---------\n  1 | queued |       0\n(1 row)",
        "+----+--------+\n| id | state  |\n+----+--------+\n|  1 | queued |\n+----+--------+",
        // configuration
        "queue:\n  path: /var/lib/baton-queue\n  max_size: 40Gi\n  retention: 72h",
        "{\n  \"queue\": {\"max_size\": \"40Gi\"}\n}",
        "[queue]\npath = \"/var/lib/baton-queue\"\nmax_size = \"40Gi\"",
        // code for another console (Rails, Python)
        "job = Baton::Queue.find_by(name: 'ingest')\njob.retries.each do |r|\n  puts r.state\nend",
        "Baton::Queue.where(state: 'stuck').update_all(state: 'queued')",
        "import json\nfrom baton import queue\nprint(queue.depth())",
    })
    void unlabelledBlocksThatAreNotShellAreReadNotRun(String block) {
        Runbook r = parse("# Queue\n\n```\n" + block + "\n```\n");
        assertThat(r.steps()).singleElement().satisfies(step -> {
            assertThat(step.kind()).as(block).isEqualTo(StepKind.TEXT);
            assertThat(step.runnable()).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl -n baton get pods",
        "# look at the queue first\nkubectl -n baton logs queue-0 --tail=50",
        "# a\n# b\nsystemctl status baton-queue",
        "sudo systemctl restart baton-queue && journalctl -u baton-queue -n 20",
        "export NS=baton\nkubectl -n $NS get events | grep queue",
        "for pod in $(kubectl get pods -o name); do\n  kubectl logs $pod | tail -1\ndone",
        "curl -s http://localhost:9090/api/v1/query?query=up | jq .",
        "ps aux --sort=-%mem | head",
        "[ -f /var/run/baton.pid ] && cat /var/run/baton.pid",
    })
    void unlabelledBlocksThatAreShellStayRunnable(String block) {
        Runbook r = parse("# Queue\n\n```\n" + block + "\n```\n");
        assertThat(r.steps()).singleElement().satisfies(step -> assertThat(step.kind()).as(block).isEqualTo(StepKind.SHELL));
    }

    @Test
    void placeholdersWithSpacesAreAskedFor() {
        Runbook r = parse("""
                # Node exporter down

                ```bash
                curl -s http://<instance label from alert>:9100/metrics | head
                kubectl -n <namespace> get pods
                ```
                """);
        Step step = r.steps().get(0);
        assertThat(step.placeholders()).containsExactly("instance label from alert", "namespace");
        assertThat(dev.baton.step.Placeholders.fill(step.command(),
                Map.of("instance label from alert", "10.0.0.7", "namespace", "baton")))
                .isEqualTo("curl -s http://10.0.0.7:9100/metrics | head\nkubectl -n baton get pods");
        assertThat(dev.baton.step.Placeholders.find("sort <input >output; cat < a > b")).isEmpty();
    }

    @Test
    void tabIndentedFencesLoseTheirTab() {
        Runbook r = parse("# Queue\n\n1. Look at the disk\n\t```bash\n\tdf -h /srv\n\tdu -sh /srv/*\n\t```\n\n"
                + "2. Build\n   ```make\n   all:\n   \tgo build ./...\n   ```\n");
        assertThat(r.steps().get(0).command()).isEqualTo("df -h /srv\ndu -sh /srv/*");
        assertThat(r.steps().get(1).command()).as("a Makefile's recipe tab stays").isEqualTo("all:\n\tgo build ./...");
    }

    @Test
    void outputPastedUnderACommandIsNotSent() {
        Runbook r = parse("""
                # Queue consumers crash

                ```shell
                kubectl -n baton get pods -l app=consumer

                NAMESPACE   NAME         READY   STATUS             RESTARTS   AGE
                baton       consumer-0   0/1     CrashLoopBackOff   41         3h
                baton       consumer-1   1/1     Running            0          3h

                kubectl -n baton logs consumer-0 --previous
                ```
                """);
        assertThat(r.steps().get(0).command())
                .isEqualTo("kubectl -n baton get pods -l app=consumer\n\nkubectl -n baton logs consumer-0 --previous");
    }

    @Test
    void anUnlabelledMarkdownTemplateIsReadNotRun() {
        Runbook r = parse("# Writing a runbook\n\n```\n# BatonQueueStalled\n\n## Meaning\n\n"
                + "This alert fires when no message has left the queue for ten minutes.\n\n"
                + "<details>\n<summary>Full context</summary>\n\nThe consumers may be stuck on one poisoned message.\n</details>\n\n"
                + "## Mitigation\n\nRestart the consumers after you have saved the poisoned message.\n```\n");
        assertThat(r.steps()).singleElement().satisfies(step -> {
            assertThat(step.kind()).isEqualTo(StepKind.TEXT);
            assertThat(step.placeholders()).isEmpty();
        });
    }

    @Test
    void goTemplateKeywordsAreNotPlaceholders() {
        Runbook r = parse("# Nodes\n\n```shell\nkubectl get nodes -o template --template='{{range .items}}{{.metadata.name}}{{\"\\n\"}}{{end}}' -n {{ns}}\n```\n");
        assertThat(r.steps().get(0).placeholders()).containsExactly("ns");
        assertThat(dev.baton.step.Placeholders.fill(r.steps().get(0).command(), Map.of("ns", "baton"))).contains("{{end}}").endsWith("-n baton");
    }
}
