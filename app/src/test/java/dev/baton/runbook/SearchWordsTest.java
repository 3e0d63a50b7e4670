package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a responder types finds the page however its words are run together, in the text or the file name. */
class SearchWordsTest {
    private static List<String> ids(RunbookSearchIndex index, String query) {
        return index.search(query, 10).stream().map(SearchHit::id).toList();
    }

    @Test
    void aCamelCaseQueryFindsItsWordsWrittenApart() {
        try (RunbookSearchIndex index = RunbookSearchIndex.build(List.of(
                new SearchDocument("quota.md", "Tenant limits", List.of(), List.of("When a quota is exceeded"),
                        "A tenant wrote past its quota; raise it or slow the tenant."),
                new SearchDocument("other.md", "Unrelated", List.of(), List.of(), "Nothing about limits here.")))) {
            assertThat(ids(index, "QuotaExceeded")).containsExactly("quota.md");
            assertThat(ids(index, "quota_exceeded")).containsExactly("quota.md");
        }
    }

    @Test
    void fileNamesAreSearchable() {
        try (RunbookSearchIndex index = RunbookSearchIndex.build(List.of(
                new SearchDocument("site/volume-replica-lost.html.md", "When storage degrades", List.of(), List.of(),
                        "Check the array."),
                new SearchDocument("BatonCacheCold.md", "Warming", List.of(), List.of(), "Warm it.")))) {
            assertThat(ids(index, "replica lost")).containsExactly("site/volume-replica-lost.html.md");
            assertThat(ids(index, "cache cold")).containsExactly("BatonCacheCold.md");
        }
    }
}
