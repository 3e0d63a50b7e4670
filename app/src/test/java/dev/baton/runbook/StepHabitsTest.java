package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.step.StepWarning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Habits of runbook authors that made a step do something else when sent: sessions pasted with prompts of every
 * shape, output between the commands, interactive clients, queries and configuration without a label.
 */
class StepHabitsTest {
    private static Step only(String info, String block) {
        Runbook r = ParsingRulesTest.parseAll("habits.md", "# Ingest queue\n\n```" + info + "\n" + block + "\n```\n").get(0);
        assertThat(r.steps()).hasSize(1);
        return r.steps().get(0);
    }

    @Test
    void aPromptAfterACommentStillMakesATranscript() {
        Step step = only("bash", "# see which workers are up\n$ kubectl -n ingest get pods -l app=worker");
        assertThat(step.kind()).isEqualTo(StepKind.SHELL);
        assertThat(step.command()).isEqualTo("kubectl -n ingest get pods -l app=worker");
    }

    @Test
    void commandsAreSentAndTheOutputBetweenThemIsKeptAsExpected() {
        Step step = only("console", """
                $ ingestctl queue depth
                depth: 1204
                oldest: 41m
                # then drain the slow partition
                $ ingestctl drain --partition 7
                drained 1204 messages""");
        assertThat(step.command()).isEqualTo("ingestctl queue depth\ningestctl drain --partition 7");
        assertThat(step.expectedOutput()).isEqualTo("depth: 1204\noldest: 41m\ndrained 1204 messages");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "console | $ uptime",
        "console | % uptime",
        "console | # uptime",
        "shell-session | # uptime",
        "bash | ops@ingest-2:~$ uptime",
        "bash | ops@ingest-2:/var/log# uptime",
        "console | ingest-2 $ uptime",
        "bash | [ops@ingest-2 ~]$ uptime",
        "bash | [staging]$ uptime",
        "bash | (venv) $ uptime",
        "'' | (tools) ops@ingest-2:~$ uptime",
        "bash | sh-5.1$ uptime",
        "bash | bash-5.2# uptime",
        "console | ❯ uptime",
    })
    void everyPromptShapeIsRemoved(String info, String line) {
        Step step = only(info, line + "\n 04:10:00 up 12 days,  load average: 0.20");
        assertThat(step.command()).as(line).isEqualTo("uptime");
        assertThat(step.expectedOutput()).isEqualTo(" 04:10:00 up 12 days,  load average: 0.20");
        assertThat(step.runnable()).isTrue();
    }

    @Test
    void aContinuationPromptJoinsTheCommand() {
        Step step = only("console", "$ ingestctl replay --from 2026-12-01 \\\n> --to 2026-12-02\nreplayed 3 days");
        assertThat(step.command()).isEqualTo("ingestctl replay --from 2026-12-01 \\\n--to 2026-12-02");
    }

    @Test
    void aRootHashInAConsoleBlockIsAPromptButANoteIsNot() {
        Step step = only("console", "# Clear the spool when the queue is stuck\n# rm -rf /var/spool/ingest/tmp");
        assertThat(step.command()).isEqualTo("rm -rf /var/spool/ingest/tmp");
        assertThat(step.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "NAME         READY   STATUS    RESTARTS\nworker-0     1/1     Running   2",
        "2026-12-06T22:14:01Z WARN ingest lag 40s\n2026-12-06T22:14:31Z WARN ingest lag 71s",
        "W1206 22:14:01.000000       1 worker.go:12] lag growing\nE1206 22:14:31.000000       1 worker.go:20] lag over limit",
        "+--------+-------+\n| shard  | lag   |\n+--------+-------+\n| 7      | 71s   |\n+--------+-------+",
    })
    void outputOnlyBlocksUnderAConsoleLabelAreNotRunnable(String block) {
        assertThat(only("console", block).runnable()).as(block).isFalse();
    }

    @Test
    void redisCliThenItsPromptIsASessionWithTheFlushFlagged() {
        Step step = only("console", "$ redis-cli -h cache-1\ncache-1:6379> DBSIZE\n(integer) 5012\ncache-1:6379> FLUSHALL\nOK");
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        assertThat(step.session().client()).isEqualTo("redis-cli");
        assertThat(step.session().start()).isEqualTo("redis-cli -h cache-1");
        assertThat(step.session().inner()).containsExactly("DBSIZE", "FLUSHALL");
        assertThat(step.expectedOutput()).isEqualTo("(integer) 5012\nOK");
        assertThat(step.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(step.runnable()).isTrue();
        assertThat(step.runsOnNodes()).isFalse();
    }

    @Test
    void aBareRedisPromptIsTheClientsToo() {
        Step step = only("", "redis-cli\n> FLUSHDB");
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        assertThat(step.session().inner()).containsExactly("FLUSHDB");
        assertThat(step.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "psql -U ingest ingest|ingest=# DELETE FROM pending_jobs;|psql|DELETE FROM pending_jobs;",
        "mysql -u ingest -p|mysql> DROP TABLE stale_offsets;|mysql|DROP TABLE stale_offsets;",
        "python3|>>> import ingest; ingest.pause()|python|import ingest; ingest.pause()",
        "irb|irb(main):001:0> Worker.where(stuck: true).count|irb|Worker.where(stuck: true).count",
        "kubectl -n ingest exec -it worker-0 -- sh|/ # ls /data/spool|a shell in the container|ls /data/spool",
        "oc debug node/ingest-node-3|sh-5.1# chroot /host|a debug shell on the node|chroot /host",
    })
    void interactiveClientsAreSessions(String start, String inner, String client, String typed) {
        Step step = only("console", "$ " + start + "\n" + inner + "\nsome output");
        assertThat(step.kind()).as(start).isEqualTo(StepKind.SESSION);
        assertThat(step.session().client()).isEqualTo(client);
        assertThat(step.session().inner()).containsExactly(typed);
        assertThat(step.expectedOutput()).isEqualTo("some output");
    }

    @Test
    void sqlInsideAClientIsFlaggedLikeShell() {
        Step delete = only("console", "$ psql ingest\ningest=# DELETE FROM pending_jobs;");
        Step drop = only("console", "$ mysql ingest\nmysql> DROP TABLE stale_offsets;");
        Step guarded = only("console", "$ psql ingest\ningest=# DELETE FROM pending_jobs WHERE id = 4;");
        assertThat(delete.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(drop.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isTrue();
        assertThat(guarded.hasWarning(StepWarning.Kind.DESTRUCTIVE)).isFalse();
    }

    @Test
    void aPlainBlockThatOpensADebugShellTypesTheRestInsideIt() {
        Step step = only("bash", "oc debug node/ingest-node-3\n# inside the node\nchroot /host\ndf -h /var/lib/ingest");
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        assertThat(step.session().start()).isEqualTo("oc debug node/ingest-node-3");
        assertThat(step.session().inner()).containsExactly("chroot /host", "df -h /var/lib/ingest");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "redis-cli -h cache-1 INFO memory",
        "psql -U ingest -c 'select count(*) from pending_jobs'",
        "kubectl -n ingest exec worker-0 -- ls /data/spool",
        "kubectl -n ingest exec -it worker-0 -- ingestctl status",
        "python3 -m ingest.check",
        "ssh ingest-2 uptime",
    })
    void aClientGivenItsCommandIsPlainShell(String block) {
        Step step = only("bash", block + "\necho done");
        assertThat(step.kind()).as(block).isEqualTo(StepKind.SHELL);
        assertThat(step.command()).isEqualTo(block + "\necho done");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';sum(rate(ingest_messages_failed_total[5m])) by (job);promql",
        "bash;sum(rate(ingest_messages_failed_total[5m])) by (job);promql",
        "'';(ingest_lag_seconds / ingest_lag_limit_seconds) * 100 > 80;promql",
        "'';ingest_queue_depth{partition=\"7\"};promql",
        "'';{app=\"ingest\"} |= \"timeout\";logql",
        "sh;sum by (pod) (count_over_time({app=\"ingest\"} |~ \"lag\" [10m]));logql",
    })
    void queriesWithoutTheirLabelAreQuerySteps(String info, String block, String language) {
        Step step = only(info, block);
        assertThat(step.kind()).as(block).isEqualTo(StepKind.QUERY);
        assertThat(step.language()).isEqualTo(language);
        assertThat(step.runnable()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|local ingest = import 'ingest.libsonnet';\\n{ alerts: ingest.alerts }",
        "bash|ingest:\\n  partitions: 12\\n  lag_limit: 60s",
        "sh|{\\n  \"partitions\": 12\\n}",
        "shell|[ingest]\\npartitions = 12\\nlag_limit = \"60s\"",
    })
    void configWithoutItsLabelIsTextToCopy(String info, String block) {
        Step step = only(info, block.replace("\\n", "\n"));
        assertThat(step.kind()).as(block).isEqualTo(StepKind.TEXT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl -n ingest get pods",
        "curl -s 'http://localhost:9090/api/v1/query?query=sum(rate(ingest_total[5m]))'",
        "cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingest\nEOF",
        "promtool query instant http://localhost:9090 'sum(rate(ingest_total[5m]))'",
    })
    void shellThatMentionsQueriesOrConfigStaysShell(String block) {
        assertThat(only("bash", block).kind()).as(block).isEqualTo(StepKind.SHELL);
    }

    @Test
    void rootPromptsInsideADebugShellAreItsLines() {
        Step step = only("console", "$ oc debug \"node/$NODE\"\n# chroot /host\n# journalctl -u ingest-worker -n 20\n-- Logs begin --");
        assertThat(step.kind()).isEqualTo(StepKind.SESSION);
        assertThat(step.session().inner()).containsExactly("chroot /host", "journalctl -u ingest-worker -n 20");
        assertThat(step.expectedOutput()).isEqualTo("-- Logs begin --");
    }

    @Test
    void aLogPastedUnderAShellLabelIsNotRun() {
        Step step = only("bash", "E1206 22:14:31.000123    812 worker.go:20] lag over limit\nretrying in 30s");
        assertThat(step.runnable()).isFalse();
    }

    @Test
    void anExcerptBetweenEllipsesIsWhatToExpectNotWhatToSend() {
        Step edit = only("bash", "kubectl -n ingest edit configmap ingest-limits\n...\n  lag_limit: 60s\n...");
        assertThat(edit.kind()).isEqualTo(StepKind.SHELL);
        assertThat(edit.command()).isEqualTo("kubectl -n ingest edit configmap ingest-limits");
        assertThat(edit.expectedOutput()).isEqualTo("...\n  lag_limit: 60s\n...");
        Step labels = only("", " - alertname = IngestLagHigh\n...\n - partition = 7");
        assertThat(labels.runnable()).isFalse();
    }
}
