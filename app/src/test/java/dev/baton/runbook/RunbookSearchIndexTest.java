package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunbookSearchIndexTest {
    private RunbookSearchIndex index;

    @BeforeEach
    void build() {
        index = RunbookSearchIndex.build(List.of(
                new SearchDocument("body.md", "Quarterly review", List.of(), List.of("Agenda"), "We discussed replication at length."),
                new SearchDocument("heading.md", "Database operations", List.of(), List.of("Replication lag"), "Check the standby."),
                new SearchDocument("alert.md", "Cache trouble", List.of("PostgresReplicationLagHigh"), List.of(), "Nothing."),
                new SearchDocument("title.md", "Replication broken", List.of(), List.of(), "Fix it."),
                new SearchDocument("disk.md", "Disk full", List.of("NodeFilesystemAlmostFull"), List.of("Diagnosis"),
                        "Find what filled /var with du -sh /var/* and journalctl --vacuum-size."),
                new SearchDocument("redis.md", "Redis memory", List.of("RedisHighEvictions"), List.of("Evictions"),
                        "Check used_memory and maxmemory-policy.")));
    }

    @AfterEach
    void close() {
        index.close();
    }

    private List<String> ids(String query) {
        return index.search(query, 10).stream().map(SearchHit::id).toList();
    }

    @Test
    void titleRanksAboveAlertAboveHeadingAboveBody() {
        assertThat(ids("replication")).containsExactly("title.md", "alert.md", "heading.md", "body.md");
    }

    @Test
    void lastWordMatchesAsAPrefix() {
        assertThat(ids("disk fu")).containsExactly("disk.md");
        assertThat(ids("replic")).hasSize(4);
        assertThat(ids("journalc")).containsExactly("disk.md");
    }

    @Test
    void camelCaseAlertsMatchWholeAndByWord() {
        assertThat(ids("evictions")).containsExactly("redis.md");
        assertThat(ids("RedisHighEvictions")).containsExactly("redis.md");
        assertThat(ids("redishighev")).containsExactly("redis.md");
        assertThat(ids("filesystem almost")).containsExactly("disk.md");
    }

    @Test
    void englishWordFormsFindEachOther() {
        try (RunbookSearchIndex stems = RunbookSearchIndex.build(List.of(
                new SearchDocument("pods.md", "Stuck pods", List.of(), List.of("Restart the deployment"),
                        "Remove the finalizer, then restart."),
                new SearchDocument("certs.md", "Certificate renewal", List.of("CertExpiringSoon"), List.of(), "Renewing takes a minute.")))) {
            List<String> found = new ArrayList<>();
            for (String query : List.of("removal", "restarting", "renew", "expires", "removing finalizers")) {
                stems.search(query, 10).forEach(hit -> found.add(query + " -> " + hit.id()));
            }
            assertThat(found).containsExactly("removal -> pods.md", "restarting -> pods.md", "renew -> certs.md",
                    "expires -> certs.md", "removing finalizers -> pods.md");
        }
        // An exact word still ranks above a word that only shares its stem.
        try (RunbookSearchIndex ranked = RunbookSearchIndex.build(List.of(
                new SearchDocument("a.md", "Pods", List.of(), List.of(), "restarting pods"),
                new SearchDocument("b.md", "Pods", List.of(), List.of(), "restart pods")))) {
            assertThat(ranked.search("restart", 10).stream().map(SearchHit::id)).containsExactly("b.md", "a.md");
        }
    }

    @Test
    void everyWordMustMatch() {
        assertThat(ids("redis disk")).isEmpty();
        assertThat(ids("redis memory")).containsExactly("redis.md");
    }

    @Test
    void caseAndPunctuationDoNotMatter() {
        assertThat(ids("DISK, FULL!")).containsExactly("disk.md");
    }

    @Test
    void limitIsRespected() {
        assertThat(index.search("replication", 2)).hasSize(2);
        assertThat(index.search("replication", 0)).isEmpty();
    }

    @Test
    void snippetShowsTheMatch() {
        SearchHit hit = index.search("journalctl", 1).get(0);
        assertThat(hit.snippet()).contains("journalctl --vacuum-size").hasSizeLessThanOrEqualTo(Snippets.MAX_LENGTH + 2);
        assertThat(hit.title()).isEqualTo("Disk full");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"", "title:", "*", "?", "(", "a AND", "\\", "~", "[", "{", "+-", "::",
        "AND OR NOT", "🔴", "日本", "\u0000", "a"})
    void hostileQueriesNeverThrow(String query) {
        assertThat(index.search(query, 10)).isNotNull();
    }

    @Test
    void veryLongQueryIsCutNotRejected() {
        assertThat(index.search("disk ".repeat(2_000), 10)).extracting(SearchHit::id).containsExactly("disk.md");
        assertThat(index.search("x".repeat(10_000), 10)).isEmpty();
    }

    @Test
    void emptyQueryFindsNothing() {
        assertThat(index.search("", 10)).isEmpty();
        assertThat(index.search(null, 10)).isEmpty();
    }

    @Test
    void fiveThousandDocumentsIndexAndSearch() {
        List<SearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            docs.add(new SearchDocument("rb-" + i + ".md", "Service " + i + " latency", List.of("Service" + i + "Latency"),
                    List.of("Diagnosis", "Resolution"), "Check the p99 of service " + i + " and its queue."));
        }
        try (RunbookSearchIndex big = RunbookSearchIndex.build(docs)) {
            assertThat(big.size()).isEqualTo(5_000);
            assertThat(big.search("service 4242 laten", 5)).extracting(SearchHit::id).first().isEqualTo("rb-4242.md");
            assertThat(big.search("latency", 50)).hasSize(50);
        }
    }

    @Test
    void aLargeLibraryRanksEqualMatchesInLibraryOrderWithEachOnesOwnSnippet() {
        List<SearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            docs.add(new SearchDocument(String.format("rb-%04d.md", i), "Disk full", List.of(), List.of("Steps"),
                    "Free space on the volume, then check marker" + i + " again."));
        }
        try (RunbookSearchIndex big = RunbookSearchIndex.build(docs)) {
            List<SearchHit> hits = big.search("disk full", 6_000);
            assertThat(hits).hasSize(6_000);
            assertThat(hits).extracting(SearchHit::id).containsExactlyElementsOf(docs.stream().map(SearchDocument::id).toList());
            assertThat(hits).extracting(SearchHit::score).containsOnly(hits.get(0).score());
            SearchHit last = big.search("marker5999", 1).get(0);
            assertThat(last.id()).isEqualTo("rb-5999.md");
            assertThat(last.snippet()).contains("marker5999");
        }
    }

    @Test
    void concurrentSearchesAgree() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        assertThat(ids("disk fu")).containsExactly("disk.md");
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void alertWordsSplit() {
        assertThat(AlertWords.split("RedisHighEvictions")).isEqualTo("Redis High Evictions");
        assertThat(AlertWords.split("KubePodCrashLooping")).isEqualTo("Kube Pod Crash Looping");
        assertThat(AlertWords.split("HTTP5xxRate")).isEqualTo("HTTP 5xx Rate");
        assertThat(AlertWords.split("guts_consensus_stuck")).isEqualTo("guts consensus stuck");
    }

    @Test
    void camelCaseTitlesRankByTheirWordsAboveBodies() {
        List<SearchDocument> docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            docs.add(new SearchDocument("node-" + i + ".md", "Node check " + i, List.of(), List.of("Steps"),
                    "If the node is not ready, the kubelet may not be ready either; a node that is not ready "
                            + "stays not ready until the kubelet reports ready. Node, not, ready."));
        }
        docs.add(new SearchDocument("KubeNodeNotReady.md", "KubeNodeNotReady", List.of(), List.of("Meaning"),
                "The kubelet stopped reporting."));
        docs.add(new SearchDocument("queue.md", "Queue", List.of(), List.of("BatonQueueStalled"),
                "See baton_queue_depth_total for the backlog."));
        try (RunbookSearchIndex camel = RunbookSearchIndex.build(docs)) {
            assertThat(camel.search("node not ready", 3)).first().extracting(SearchHit::id).isEqualTo("KubeNodeNotReady.md");
            assertThat(camel.search("KubeNodeNotReady", 3)).first().extracting(SearchHit::id).isEqualTo("KubeNodeNotReady.md");
            assertThat(camel.search("queue stalled", 3)).extracting(SearchHit::id).containsExactly("queue.md");
            assertThat(camel.search("depth total", 3)).extracting(SearchHit::id).containsExactly("queue.md");
            assertThat(camel.search("baton_queue_depth_total", 3)).extracting(SearchHit::id).containsExactly("queue.md");
        }
    }
}
