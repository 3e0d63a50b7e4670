package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An alert whose runbook is one heading in a file of many is found at that heading. */
class AlertSectionLookupTest {
    @TempDir
    Path dir;

    private void writeQueueAlerts() throws Exception {
        Files.writeString(dir.resolve("queue-alerts.md"), """
                # Queue alerts

                What to do when the message queue pages you.

                ## BatonQueueStalled

                Nothing has left the queue for ten minutes.

                ```bash
                queuectl status
                ```

                ## `BatonQueueLagging`

                Consumers fall behind.

                #### BatonQuotaExceeded

                A tenant sent more than its share.

                ### Alert Name: "BatonQueueDiskFull"

                The spool disk is full.

                ## Watchdog

                Always firing; if it stops, the pipeline is broken.

                ## Overview of dashboards

                Not an alert.
                """);
    }

    @Test
    void aHeadingNamedForTheAlertIsFoundAsASection() throws Exception {
        writeQueueAlerts();
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            for (var expected : Map.of("BatonQueueStalled", "BatonQueueStalled",
                    "batonqueuelagging", "BatonQueueLagging", "BatonQuotaExceeded", "BatonQuotaExceeded",
                    "BatonQueueDiskFull", "Alert Name: \"BatonQueueDiskFull\"", "Watchdog", "Watchdog").entrySet()) {
                assertThat(library.forAlert(expected.getKey())).as(expected.getKey()).singleElement().satisfies(m -> {
                    assertThat(m.runbook()).map(Runbook::path).hasValueSatisfying(p -> assertThat(p).endsWith("queue-alerts.md"));
                    assertThat(m.section()).as("the heading of " + expected.getKey())
                            .map(Section::title).contains(expected.getValue().replace("`", ""));
                });
            }
            assertThat(library.forAlert("BatonQuotaExceeded").get(0).location())
                    .endsWith("queue-alerts.md#batonquotaexceeded");
            assertThat(library.forAlert("Overview of dashboards")).as("a plain heading is no alert").isEmpty();
        }
    }

    @Test
    void sectionAlertsAreKnownNamesSoMisspellingsSuggestThem() throws Exception {
        writeQueueAlerts();
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.alertNames()).contains("BatonQueueStalled", "BatonQuotaExceeded", "BatonQueueLagging");
            assertThat(library.forAlert("BatonQuotaExceded")).isEmpty();
            assertThat(library.alertSuggestions("BatonQuotaExceded", 3)).first().isEqualTo("BatonQuotaExceeded");
        }
    }

    @Test
    void aFileNamedForTheAlertIsNotScrolledToItsOwnTitle() throws Exception {
        Files.writeString(dir.resolve("BatonQueueStalled.md"), "# BatonQueueStalled\n\n## Meaning\n\nStuck.\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonQueueStalled")).singleElement()
                    .satisfies(m -> assertThat(m.section()).isEmpty());
        }
    }

    @Test
    void aDeclaredAlertOpensAtTheHeadingThatNamesIt() throws Exception {
        Files.writeString(dir.resolve("cache.md"), """
                ---
                alerts: [BatonCacheCold, BatonCacheEvicting]
                ---
                # Cache

                ## BatonCacheCold

                Warm it.

                ## BatonCacheEvicting

                Grow it.
                """);
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonCacheEvicting")).singleElement()
                    .satisfies(m -> assertThat(m.section()).map(Section::title).contains("BatonCacheEvicting"));
        }
    }

    @Test
    void theCachedLibraryFindsSectionsToo() throws Exception {
        writeQueueAlerts();
        SearchIndexCache cache = new SearchIndexCache(dir.resolve("cache"));
        try (RunbookLibrary first = cache.lookupLibrary(java.util.List.of(dir.resolve("queue-alerts.md")))) {
            assertThat(first.forAlert("BatonQuotaExceeded")).singleElement()
                    .satisfies(m -> assertThat(m.section()).map(Section::title).contains("BatonQuotaExceeded"));
        }
        try (RunbookLibrary again = cache.lookupLibrary(java.util.List.of(dir.resolve("queue-alerts.md")))) {
            assertThat(again.forAlert("BatonQuotaExceeded")).singleElement()
                    .satisfies(m -> assertThat(m.section()).map(Section::title).contains("BatonQuotaExceeded"));
        }
    }

    @Test
    void translatedCopiesComeAfterTheResponderLanguage() throws Exception {
        for (String copy : java.util.List.of("content/zh/queue", "docs/de/queue", "content/en/queue", "plain")) {
            Files.createDirectories(dir.resolve(copy));
            Files.writeString(dir.resolve(copy).resolve("BatonQueueStalled.md"), "# BatonQueueStalled\n");
        }
        Files.writeString(dir.resolve("plain/BatonQueueStalled.ja.md"), "# BatonQueueStalled\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonQueueStalled", "en")).extracting(m -> m.runbook().orElseThrow().path())
                    .hasSize(5).first().satisfies(p -> assertThat(p).doesNotContain("/zh/", "/de/", ".ja."));
            assertThat(library.forAlert("BatonQueueStalled", "en").subList(0, 2))
                    .extracting(m -> m.runbook().orElseThrow().path())
                    .allSatisfy(p -> assertThat(p).matches(".*(content/en/queue|plain)/BatonQueueStalled.md"));
            assertThat(library.forAlert("BatonQueueStalled", "de")).extracting(m -> m.runbook().orElseThrow().path())
                    .first().satisfies(p -> assertThat(p).contains("docs/de/"));
        }
        assertThat(TranslatedCopies.responderLanguage(java.util.Map.of("LANG", "de_DE.UTF-8"))).isEqualTo("de");
        assertThat(TranslatedCopies.responderLanguage(java.util.Map.of("LANG", "C.UTF-8"))).isEqualTo("en");
        assertThat(TranslatedCopies.responderLanguage(java.util.Map.of("LC_ALL", "ja_JP", "LANG", "fr_FR"))).isEqualTo("ja");
        assertThat(TranslatedCopies.responderLanguage(java.util.Map.of())).isEqualTo("en");
    }

    @Test
    void aKebabCaseHtmlPageNamesItsAlert() throws Exception {
        Files.writeString(dir.resolve("baton-queue-stalled.html.md"), "# When the queue stops\n");
        try (RunbookLibrary library = RunbookLibrary.load(dir)) {
            assertThat(library.forAlert("BatonQueueStalled")).singleElement()
                    .satisfies(m -> assertThat(m.runbook()).map(Runbook::path)
                            .hasValueSatisfying(p -> assertThat(p).endsWith("baton-queue-stalled.html.md")));
        }
    }
}
