package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.render.LibraryLinkPolicy;
import dev.baton.render.RunbookHtmlRenderer;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbooks a bundle carries reach a receiver whose library lacks them, and nothing in them (names, sizes,
 * Markdown) gets further than a runbook of the receiver's own would.
 */
class HandoffRunbooksTest {
    @TempDir
    Path dir;

    private static final String RESTART = """
            # Restart the primary

            Read [the dashboard](https://grafana.example/d/db), [this](javascript:alert(1)) and
            [that](../../../../etc/passwd). <script>alert('escaped')</script>
            <a href="file:///etc/shadow">raw link</a> <img src="x" onerror="alert(2)">

            ### Step 1: Check replication

            ```bash
            echo replication_$((6*7))
            ```
            """;

    /** ana used {@code ids} (each a runbook id, mapped to a file) and handed off; ben continues in his store. */
    private Path handOff(Map<String, Path> ids) throws Exception {
        Path bundle = dir.resolve("to-ben.baton");
        try (OpenIncident ana = new IncidentStore(dir.resolve("ana-data")).start("Lag", "P1", "", "ana",
                Instant.now())) {
            ana.creditTo("ana");
            for (String id : ids.keySet()) {
                ana.stepSent(id, 1, "echo hi", "Local 1", Map.of());
            }
            BundleWriter.export(ana.folder(), new BundleWriter.Request("over to you", "ana", Instant.now(), "test",
                    new HandoffState(null, null, null, null), id -> Optional.ofNullable(ids.get(id)), Set.of(), null),
                    bundle);
        }
        return BundleImporter.importBundle(bundle, new IncidentStore(dir.resolve("ben-data"))).incident().folder();
    }

    private Path anaRunbook(String name, String text) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ana-runbooks"));
        return Files.writeString(folder.resolve(name), text);
    }

    @Test
    void aRunbookTheReceiverLacksOpensFromTheBundlesCopyUnderTheSendersId() throws Exception {
        Path restart = anaRunbook("restart.md", RESTART);
        String id = restart.toString();
        Path folder = handOff(Map.of(id, restart));
        Files.delete(restart); // ben has never seen ana's folder

        HandoffRunbooks.Snapshots copies = HandoffRunbooks.read(folder);
        assertThat(copies.refused()).isEmpty();
        assertThat(copies.from()).isEqualTo("ana");
        RunbookLibrary own = RunbookLibrary.load(Files.createDirectories(dir.resolve("ben-runbooks")));
        HandoffRunbooks.Library working = HandoffRunbooks.apply(own, copies);

        Runbook copy = working.library().find(id).orElseThrow();
        assertThat(copy.title()).isEqualTo("Restart the primary");
        assertThat(copy.step(1)).hasValueSatisfying(step -> assertThat(step.command()).contains("replication_"));
        assertThat(working.library().label(copy)).contains(HandoffRunbooks.SENDER_COPY);
        assertThat(working.notice(id)).hasValueSatisfying(notice -> assertThat(notice)
                .startsWith("Sender's copy from the handoff bundle (ana").contains("your library has no restart.md"));
        assertThat(working.library().search("replication", 10)).extracting(hit -> hit.id()).contains(id);
        assertThat(working.library().file(copy)).hasValueSatisfying(file -> assertThat(file).startsWith(folder));
        assertThat(new PaletteSearch().find("restart", new PaletteSearch.Sources(working.library(),
                new dev.baton.inventory.Inventory(List.of(), List.of()), List.of(), List.of()), 10))
                .filteredOn(entry -> entry.kind() == PaletteSearch.Kind.RUNBOOK).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).startsWith(HandoffRunbooks.SENDER_COPY));
    }

    @Test
    void theCopysMarkdownKeepsToThePagesLinkPolicy() throws Exception {
        Path restart = anaRunbook("restart.md", RESTART);
        Path folder = handOff(Map.of(restart.toString(), restart));
        HandoffRunbooks.Library working = HandoffRunbooks.apply(
                RunbookLibrary.load(Files.createDirectories(dir.resolve("ben-runbooks"))), HandoffRunbooks.read(folder));
        Runbook copy = working.library().find(restart.toString()).orElseThrow();

        String page = new RunbookHtmlRenderer().render(copy, Files.readString(working.library().file(copy).orElseThrow()),
                new LibraryLinkPolicy(working.library(), copy), n -> false, n -> List.of(),
                n -> null, working.notice(copy.id()).orElse(""), false);
        String body = page.substring(page.indexOf("<body"));
        assertThat(body).contains("id=\"copy-notice\"").doesNotContain("<script", "<img", "href=\"file:")
                .contains("&lt;script&gt;");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(page);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).as("a link on the page").matches("(baton:|#).*");
        }
    }

    @Test
    void theReceiversOwnCopyIsKeptAndSaidToDifferWhenItDoes() throws Exception {
        Path restart = anaRunbook("restart.md", RESTART);
        Path folder = handOff(Map.of(restart.toString(), restart));
        Files.writeString(restart, RESTART.replace("replication_", "lag_"));
        RunbookLibrary own = RunbookLibrary.load(dir.resolve("ana-runbooks")); // the same ids: ben has it too

        HandoffRunbooks.Library working = HandoffRunbooks.apply(own, HandoffRunbooks.read(folder));
        Runbook mine = working.library().find(restart.toString()).orElseThrow();
        assertThat(mine.step(1).orElseThrow().command()).contains("lag_");
        assertThat(working.library().label(mine)).isEmpty();
        assertThat(working.notice(mine.id())).hasValueSatisfying(notice -> assertThat(notice)
                .startsWith("Your own copy of this runbook differs from the one ana used"));

        Files.writeString(restart, RESTART);
        assertThat(HandoffRunbooks.apply(RunbookLibrary.load(dir.resolve("ana-runbooks")),
                HandoffRunbooks.read(folder)).notice(mine.id())).as("the same file").isEmpty();
    }

    @Test
    void hostileNamesAndHugeCopiesAreLeftOutInWords() throws Exception {
        Map<String, Path> ids = new HashMap<>();
        ids.put("../../../../etc/cron.d/evil.md", anaRunbook("climb.md", "# Climb\n"));
        ids.put("ops/\u001b]8;;https://evil.example\u0007db.md", anaRunbook("escape.md", "# Escape\n"));
        ids.put("ops/\u202egnp.md", anaRunbook("bidi.md", "# Bidi\n"));
        StringBuilder huge = new StringBuilder("# Huge\n\n");
        for (int line = 0; huge.length() < 11 * 1024 * 1024; line++) {
            huge.append("line ").append(line).append(" of a runbook nobody should have to read ").append(line * 7919L)
                    .append('\n');
        }
        ids.put(dir.resolve("ana-runbooks/huge.md").toString(), anaRunbook("huge.md", huge.toString()));
        Path folder = handOff(ids);

        HandoffRunbooks.Snapshots copies = HandoffRunbooks.read(folder);
        assertThat(copies.copies()).isEmpty();
        assertThat(copies.refused()).hasSize(4).allSatisfy(words -> assertThat(words)
                .doesNotContain("\u001b", "\u0007", "\u202e").contains("was not opened"));
        assertThat(copies.refused()).anySatisfy(words -> assertThat(words).contains("too large for a runbook"));
        assertThat(copies.refused()).anySatisfy(words -> assertThat(words).contains("could not have come from"));
        RunbookLibrary own = RunbookLibrary.load(Files.createDirectories(dir.resolve("ben-runbooks")));
        assertThat(HandoffRunbooks.apply(own, copies).library()).isSameAs(own);
    }
}
