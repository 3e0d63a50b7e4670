package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the index keeps of a runbook for alert lookups comes back as it went in. */
class IndexedRunbookTest {
    private static List<Object> kept(Runbook r) {
        return List.of(String.valueOf(r.path()), String.valueOf(r.anchor()), String.valueOf(r.title()),
                String.valueOf(r.severity()), r.alerts(), String.valueOf(r.owner()), r.sections(), r.alertMap(),
                r.indexEntries(), r.alertSeverities());
    }

    @Test
    void everyFixtureRunbookComesBackWithWhatAlertLookupNeeds() {
        try (RunbookLibrary library = RunbookLibrary.load(FormatFixtures.folder())) {
            assertThat(library.runbooks()).isNotEmpty();
            assertThat(library.runbooks()).anySatisfy(r -> assertThat(r.alertMap()).isNotEmpty());
            assertThat(library.runbooks()).anySatisfy(r -> assertThat(r.sections()).anySatisfy(s -> assertThat(s.children()).isNotEmpty()));
            for (Runbook runbook : library.runbooks()) {
                assertThat(kept(IndexedRunbook.fromJson(IndexedRunbook.toJson(runbook)))).as(runbook.id()).isEqualTo(kept(runbook));
            }
        }
    }

    @Test
    void aDamagedEntryIsSaidToBeDamaged() {
        for (String damaged : List.of("", "[]", "{\"title\": [1]}", "{\"alerts\": {}}", "{\"sections\": [{\"line\": \"x\"}]}",
                "{\"title\": \"t\"")) {
            assertThatThrownBy(() -> IndexedRunbook.fromJson(damaged)).as(damaged).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("damaged");
        }
    }
}
