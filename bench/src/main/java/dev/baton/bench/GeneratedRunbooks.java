package dev.baton.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Runbooks shaped like the real ones (front matter, sections, bash and PromQL steps, checklists), from a seed. */
final class GeneratedRunbooks {
    private static final String[] SYSTEMS = {"postgresql", "redis", "kubernetes", "nginx", "kafka", "etcd", "node",
        "disk", "memory", "cpu", "network", "dns", "certificate", "ingress", "coredns", "haproxy", "rabbitmq",
        "elasticsearch", "cassandra", "zookeeper", "vault", "consul", "prometheus", "grafana", "loki"};
    private static final String[] PROBLEMS = {"down", "latency", "saturation", "errors", "full", "leak", "lag",
        "partition", "evictions", "crashloop", "timeout", "expiry", "throttling", "backlog", "failover", "split"};
    private static final String[] WORDS = {"check", "restart", "replica", "primary", "connection", "pool", "queue",
        "quota", "volume", "inode", "journal", "kernel", "socket", "thread", "heap", "cache", "shard", "leader",
        "follower", "snapshot", "backup", "restore", "rollout", "deployment", "service", "endpoint", "probe"};
    private static final String[] COMMANDS = {"systemctl status %s", "journalctl -u %s --since \"10 min ago\"",
        "kubectl get pods -n <namespace> -l app=%s", "kubectl logs -n <namespace> <pod> --tail=200",
        "df -h /var/lib/%s", "ss -tlnp | grep %s", "top -b -n1 | head -20", "curl -fsS http://localhost:8080/health"};

    private final Random random;
    private final List<String> vocabulary = new ArrayList<>();

    GeneratedRunbooks(Random random) {
        this.random = random;
    }

    /** Writes COUNT runbooks (seed 42, as {@link LibraryBenchmark} does) under FOLDER: for bench/library-open.sh. */
    public static void main(String[] args) throws IOException {
        new GeneratedRunbooks(new Random(42)).writeTo(Path.of(args[0]), Integer.parseInt(args[1]));
    }

    long writeTo(Path dir, int count) throws IOException {
        alerts.clear();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String system = pick(SYSTEMS);
            String problem = pick(PROBLEMS);
            String text = runbook(i, system, problem);
            Path file = dir.resolve(String.format("team-%02d/%s-%s-%05d.md", i % 40, system, problem, i));
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            bytes += text.length();
            vocabulary.add(system);
            vocabulary.add(problem);
        }
        return bytes;
    }

    private final List<String> alerts = new ArrayList<>();

    /** The alert the n-th runbook written declares. */
    String alertOf(int n) {
        return alerts.get(n);
    }

    private String runbook(int n, String system, String problem) {
        String alert = capitalise(system) + capitalise(problem) + n;
        alerts.add(alert);
        StringBuilder md = new StringBuilder();
        md.append("---\ntitle: ").append(capitalise(system)).append(' ').append(problem).append(' ').append(n)
                .append("\nseverity: P").append(1 + random.nextInt(4))
                .append("\nalerts:\n  - ").append(alert).append("\nowner: Team ").append(n % 40)
                .append("\nmttr: ").append(5 + random.nextInt(55)).append("m\n---\n");
        md.append("# ").append(capitalise(system)).append(' ').append(problem).append("\n\n").append(sentence(30)).append("\n\n");
        for (String section : new String[] {"Symptoms", "Diagnosis", "Resolution", "Verification"}) {
            md.append("## ").append(section).append("\n\n").append(sentence(40)).append("\n\n");
            for (int s = 0; s < 2; s++) {
                md.append("### ").append(capitalise(pick(WORDS))).append(' ').append(pick(WORDS)).append("\n\n")
                        .append(sentence(15)).append("\n\n```bash\n# ").append(sentence(6)).append('\n')
                        .append(String.format(pick(COMMANDS), system)).append("\n```\n\n");
            }
        }
        md.append("```promql\nrate(").append(system).append("_errors_total[5m]) > 0\n```\n\n## Checklist\n\n");
        for (int c = 0; c < 4; c++) {
            md.append("- [ ] ").append(sentence(6)).append('\n');
        }
        return md.toString();
    }

    /** What a responder types: one to three words, the last often cut short mid-word. */
    List<String> queries(Random queryRandom, int count) {
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int words = 1 + queryRandom.nextInt(3);
            StringBuilder q = new StringBuilder();
            for (int w = 0; w < words; w++) {
                String word = w % 2 == 0 ? vocabulary.get(queryRandom.nextInt(vocabulary.size())) : WORDS[queryRandom.nextInt(WORDS.length)];
                if (w == words - 1 && queryRandom.nextBoolean()) {
                    word = word.substring(0, Math.max(2, queryRandom.nextInt(word.length()) + 1));
                }
                q.append(w == 0 ? "" : " ").append(word);
            }
            queries.add(q.toString());
        }
        return queries;
    }

    private String sentence(int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            s.append(i == 0 ? "" : " ").append(pick(i % 3 == 0 ? SYSTEMS : WORDS));
        }
        return capitalise(s.toString()) + ".";
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
