package dev.baton.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.runbook.FormatFixtures;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookFileReader;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.Seeds;
import dev.baton.runbook.SourceText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RunbookHtmlRendererTest {
    /** Every tag the renderer itself may produce; anything else came from the runbook and is a hole. */
    private static final java.util.Set<String> ALLOWED_TAGS = java.util.Set.of("html", "head", "meta", "title",
            "style", "body", "main", "nav", "div", "span", "ul", "ol", "li", "a", "p", "h1", "h2", "h3", "h4", "h5",
            "h6", "pre", "code", "em", "strong", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
            "del", "!doctype");
    private static final Pattern TAG = Pattern.compile("<\\s*/?\\s*([!a-zA-Z][a-zA-Z0-9]*)");
    private static final Pattern HREF = Pattern.compile("\\shref\\s*=\\s*\"([^\"]*)\"");

    @TempDir
    Path dir;

    private final RunbookHtmlRenderer renderer = new RunbookHtmlRenderer();

    public static final String HOSTILE = """
            # Hostile <script>alert('title')</script>

            <script>alert(1)</script>

            Inline <script>alert(2)</script> and <img src=x onerror=alert(3)> and <svg onload=alert(4)>.

            <iframe src="javascript:alert(5)"></iframe>
            <embed src="http://127.0.0.1:9/x.swf">
            <object data="http://127.0.0.1:9/x"></object>
            <meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/refresh">
            <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
            <base href="http://127.0.0.1:9/">
            <form action="http://127.0.0.1:9/f"><input name=q></form>
            <style>@import url(http://127.0.0.1:9/i.css); body { background: url(http://127.0.0.1:9/b.png) }</style>
            <a href="http://127.0.0.1:9/raw">raw html link</a>

            [one](JaVaScRiPt:alert(6)) [two](jav&#x61;script:alert(7)) [three][ref] <javascript:alert(8)>
            [four](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==) [five](file:///etc/passwd)
            [six](vbscript:msgbox(1)) [seven](http://127.0.0.1:9/link "x\\" onmouseover=\\"alert(10)")
            [eight]( javascript:alert(11)) [nine](&#106;avascript:alert(12))

            [ref]: javascript:alert(13)

            ![remote](http://127.0.0.1:9/image.png) ![local](file:///etc/hosts)

            <http://127.0.0.1:9/autolink>

            ```bash" onmouseover="alert(14)
            echo "</code></pre><script>alert(15)</script>"
            ```

            - [ ] <b onclick=alert(16)>tick me</b>
            """;

    private Runbook parse(String name, String markdown) throws Exception {
        return new RunbookParser().parse(name, new SourceText(markdown, List.of())).get(0);
    }

    private String render(String markdown) throws Exception {
        Path file = dir.resolve("hostile.md");
        Files.writeString(file, markdown);
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            Runbook runbook = library.runbooks().stream().filter(r -> r.path().endsWith("hostile.md")).findFirst().orElseThrow();
            return renderer.render(runbook, markdown, new LibraryLinkPolicy(library, runbook), n -> false, false);
        }
    }

    @Test
    void hostileRunbookRendersOnlyBatonsOwnTags() throws Exception {
        String html = render(HOSTILE);
        Matcher tags = TAG.matcher(html);
        while (tags.find()) {
            assertThat(tags.group(1).toLowerCase()).as("tag in %s", around(html, tags.start())).isIn(ALLOWED_TAGS);
        }
        assertThat(html.toLowerCase()).doesNotContain("<script", "<img", "<iframe", "<embed", "<object", "<form",
                "<link", "<base", "<svg", "<input");
        Matcher tag = Pattern.compile("<[a-zA-Z][^>]*>").matcher(html);
        while (tag.find()) {
            // A title may name a hostile destination so the responder sees it; it is text, never followed.
            String attributes = tag.group().toLowerCase().replaceAll("title=\"[^\"]*\"", "");
            assertThat(attributes).as("attributes of a tag").doesNotContainPattern("\\son[a-z]+\\s*=")
                    .doesNotContain("javascript:");
        }
        String ownStyle = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        assertThat(ownStyle).doesNotContain("url(", "@import");
    }

    @Test
    void everyHrefIsABatonUrlOrAnAnchor() throws Exception {
        String html = render(HOSTILE);
        Matcher hrefs = HREF.matcher(html);
        List<String> found = new ArrayList<>();
        while (hrefs.find()) {
            found.add(hrefs.group(1));
        }
        assertThat(found).isNotEmpty().allSatisfy(href -> assertThat(href).matches("(baton:|#).*"));
        assertThat(found).noneMatch(href -> href.toLowerCase().contains("javascript") || href.contains("data:")
                || href.contains("file:") || href.contains("vbscript"));
        assertThat(found).contains(BatonUrls.of(BatonUrls.Action.EXTERNAL, "http://127.0.0.1:9/autolink"));
    }

    @Test
    void contentSecurityPolicyForbidsScriptsAndLoads() throws Exception {
        String html = render("# x\n");
        assertThat(html).contains("http-equiv=\"Content-Security-Policy\"", "default-src 'none'", "script-src 'none'",
                "img-src 'none'");
    }

    @Test
    void stepsGetButtonsWarningsAndTheirOwnNumbers() throws Exception {
        String html = render("# T\n\n```bash\nkubectl get pods -n <ns>\n```\n\n```promql\nup == 0\n```\n\n"
                + "```yaml\na: 1\n```\n\n```bash\nrm -rf /tmp/x\n```\n");
        assertThat(html).contains("id=\"step-1\"", "href=\"baton:run/1\"", "href=\"baton:run-in/1\"", "href=\"baton:copy/1\"");
        assertThat(html).contains("href=\"baton:copy/2\"", "href=\"baton:query/2\"").doesNotContain("baton:run/2\"");
        assertThat(html).doesNotContain("baton:query/1\"", "baton:query/3\"", "baton:query/4\"");
        assertThat(html).doesNotContain("baton:copy/3\"", "baton:run/3\"");
        assertThat(html).contains("id=\"step-4\"", "warning-destructive", "rm -r");
        assertThat(html).contains("<span class=\"tok-placeholder\">&lt;ns&gt;</span>");
    }

    @Test
    void renderedStepsMatchParsedStepsForEveryFormatFixture() throws Exception {
        for (String fixture : FormatFixtures.ALL) {
            assertRenderedStepsMatchParsedSteps(fixture, FormatFixtures.file(fixture));
        }
    }

    @Test
    @Tag(Seeds.TAG)
    void renderedStepsMatchParsedStepsForEverySeed() throws Exception {
        for (String seed : Seeds.ALL) {
            assertRenderedStepsMatchParsedSteps(seed, Seeds.file(seed));
        }
    }

    private void assertRenderedStepsMatchParsedSteps(String name, Path file) throws Exception {
        String source = new RunbookFileReader().read(file).text();
        for (Runbook runbook : new RunbookParser().parse(name, new SourceText(source, List.of()))) {
            String html = renderer.render(runbook, source, new NoLinks(), n -> false, false);
            for (var step : runbook.steps()) {
                assertThat(html).as(name + " " + runbook.anchor() + " step " + step.number())
                        .contains("id=\"step-" + step.number() + "\"");
                boolean query = step.language().equals("promql") || step.language().equals("logql");
                assertThat(html.contains("href=\"baton:query/" + step.number() + "\""))
                        .as(name + " step " + step.number() + " has a Query action").isEqualTo(query);
            }
            assertThat(html).doesNotContain("id=\"step-" + (runbook.steps().size() + 1) + "\"");
        }
    }

    @Test
    void sectionRunbookRendersOnlyItsSection() throws Exception {
        String source = Files.readString(FormatFixtures.file(FormatFixtures.RUNBOOK_SECTIONS));
        List<Runbook> runbooks = new RunbookParser().parse("a.md", new SourceText(source, List.of()));
        String cache = renderer.render(runbooks.get(3), source, new NoLinks(), n -> false, false);
        assertThat(cache).contains("Runbook: Cache Node Failure", "--bigkeys").doesNotContain("Gateway Outage");
    }

    @Test
    void aStepShowsItsLastRunsEscapedWithOutputAndReRunLinks() throws Exception {
        String source = "# R\n\n```bash\ndf -h\n```\n\n```bash\nuptime\n```\n";
        Runbook runbook = parse("r.md", source);
        String html = renderer.render(runbook, source, new NoLinks(), n -> false, n -> n == 1 ? List.of(
                new StepHistory("03:12:05", "<db1>", "exit 1", "1.2 s", 17, true, true),
                new StepHistory("03:10:00", "Local 1", "typed into Local 1", "", 12, false, false)) : List.of(), false);
        assertThat(html).contains("id=\"step-runs-1\"", "class=\"step-run failed\"", "&lt;db1&gt;", "exit 1</span> · 1.2 s",
                "href=\"baton:output/17\"", "href=\"baton:rerun/17\"", "href=\"baton:rerun/12\"")
                .doesNotContain("<db1>", "baton:output/12", "step-runs-2");
    }

    @Test
    void aStepShowsWhatPastIncidentsSayOfItEscapedAndWarnsWhenItKeepsFailing() throws Exception {
        String source = "# R\n\n```bash\ndf -h\n```\n\n```bash\njournalctl --vacuum-size=1G\n```\n";
        Runbook runbook = parse("r.md", source);
        String html = renderer.render(runbook, source, new NoLinks(), n -> false, n -> List.of(), n -> n == 2
                ? new StepRecall("Past incidents: ran 4 times, failed 3 times; last in <x>.", "Last output:\n<b>no</b>", true)
                : null, "", false);
        assertThat(html).contains("id=\"step-memory-2\"", "class=\"step-memory failing\"",
                "Failed the last three times it ran.", "ran 4 times, failed 3 times; last in &lt;x&gt;.", "&lt;b&gt;no&lt;/b&gt;")
                .doesNotContain("step-memory-1", "<x>", "<b>no</b>");
    }

    @Test
    void checklistItemsAreTickLinksShowingState() throws Exception {
        Runbook runbook = parse("c.md", "# C\n\n- [ ] first\n- [x] second\n");
        String html = renderer.render(runbook, "# C\n\n- [ ] first\n- [x] second\n", new NoLinks(), n -> n == 2, true);
        assertThat(html).contains("href=\"baton:tick/1\"", "href=\"baton:tick/2\"", "class=\"task checked\"", "body class=\"dark\"");
    }

    @Test
    void linksBetweenRunbooksOpenInsideBaton() throws Exception {
        Files.writeString(dir.resolve("b.md"), "# B\n");
        String html = render("# A\n\n## Part\n\n[b](b.md) [part](#part) [gone](gone.md) [web](https://kubernetes.io/docs/)\n");
        assertThat(html).contains("href=\"" + BatonUrls.of(BatonUrls.Action.OPEN, dir.resolve("b.md").toString()) + "\"");
        assertThat(html).contains("href=\"#h-part\"", "id=\"h-part\"");
        assertThat(html).contains("class=\"dead-link\"", "Broken link: no such file: gone.md");
        assertThat(html).contains("title=\"https://kubernetes.io/docs/ (opens in your browser after you confirm)\"");
    }

    @Test
    void inPageLinksMatchHeadingIdsWhenTheHeadingHasPunctuation() throws Exception {
        String html = render("# A\n\n## High CPU/Memory Usage\n\n## Option A: Restart\n\n"
                + "[cpu](#high-cpumemory-usage) [restart](#option-a-restart)\n");
        assertThat(html).contains("id=\"h-high-cpumemory-usage\"", "href=\"#h-high-cpumemory-usage\"");
        assertThat(html).contains("id=\"h-option-a-restart\"", "href=\"#h-option-a-restart\"");
    }

    @Test
    void batonUrlsRoundTripAndRejectJunk() {
        assertThat(BatonUrls.parse(BatonUrls.of(BatonUrls.Action.RUN_IN, "12"))).hasValueSatisfying(p -> {
            assertThat(p.action()).isEqualTo(BatonUrls.Action.RUN_IN);
            assertThat(p.number()).isEqualTo(12);
        });
        assertThat(BatonUrls.parse(BatonUrls.of(BatonUrls.Action.OPEN, "runbooks/a b.md#x")))
                .hasValueSatisfying(p -> assertThat(p.argument()).isEqualTo("runbooks/a b.md#x"));
        assertThat(BatonUrls.parse("baton:run/1;rm")).isEmpty();
        assertThat(BatonUrls.parse("baton:query/3")).hasValue(new BatonUrls.Parsed(BatonUrls.Action.QUERY, "3"));
        assertThat(BatonUrls.parse("baton:query/up")).isEmpty();
        assertThat(BatonUrls.parse("baton:shell/ls")).isEmpty();
        assertThat(BatonUrls.parse("http://x")).isEmpty();
        assertThat(BatonUrls.parse("baton:run/%zz")).isEmpty();
    }

    private static String around(String html, int at) {
        return html.substring(Math.max(0, at - 60), Math.min(html.length(), at + 60));
    }

    private static final class NoLinks implements LinkPolicy {
        @Override
        public String href(String destination) {
            return null;
        }

        @Override
        public String title(String destination) {
            return destination;
        }
    }

    /** The page of a file whose table is past the parser's limit of a million cells renders, the table as text. */
    @Test
    void aTableTooLargeToParseRendersAsText() throws Exception {
        String page = render("# Pasted log\n\n```bash\necho still-here\n```\n\n"
                + "| a |\n|---|\n" + "| 1 |\n".repeat(1_000_001));
        assertThat(page).contains("echo still-here").contains("baton:run/1").doesNotContain("<table");
    }

    /** At the nesting bound the page renders on a small stack; beyond it the notes preview shows plain text. */
    @Test
    void nestingAtTheBoundRendersOnASmallStackAndBeyondItNotesStayText() throws Exception {
        StringBuilder deep = new StringBuilder("# Deep\n\n");
        for (int i = 0; i < 50; i++) {
            deep.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        deep.append("> ".repeat(50)).append("quoted\n");
        String markdown = deep.toString();
        String[] html = new String[1];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                html[0] = renderer.render(parse("deep.md", markdown), markdown, new NoLinks(), n -> false, false);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(failure[0]).isNull();
        assertThat(html[0]).contains("level 49").contains("quoted");
        String hostile = ">".repeat(5_000) + " <b>x</b>";
        assertThat(renderer.renderNotes(hostile, false)).contains("<pre>&gt;&gt;&gt;").doesNotContain("<b>x");
    }

    @Test
    void aTranscriptShowsTheLinesItSendsAndItsExpectedOutputUnderIt() throws Exception {
        String html = render("""
                # Ingest lag

                ```console
                ops@ingest-1:~$ ingestctl lag --partition 7
                lag: 71s <over limit>
                ```

                ```console
                $ redis-cli -h cache-1
                cache-1:6379> FLUSHDB
                OK
                ```
                """);
        assertThat(html).contains("sends 1 line, not the output");
        assertThat(html).contains("<code class=\"language-console\">ingestctl lag <span class=\"tok-flag\">--partition</span> 7</code>");
        assertThat(html).contains("id=\"step-expected-1\"").contains("class=\"step-expected\"");
        assertThat(html).contains("lag: 71s &lt;over limit&gt;");
        assertThat(html).contains("opens redis-cli, types 1 line at its prompt");
        String session = html.substring(html.indexOf("id=\"step-2\""));
        assertThat(session).doesNotContain("Run on node").contains("Run in");
    }
}
