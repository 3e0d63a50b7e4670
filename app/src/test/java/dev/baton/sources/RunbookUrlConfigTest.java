package dev.baton.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunbookUrlConfigTest {
    @Test
    void eachPrefixMapsToAFolderRelativeToTheConfigFile() {
        RunbookUrlConfig config = RunbookUrlConfig.parse("""
                prometheus: [ { name: main, url: http://127.0.0.1:9090 } ]
                runbook_urls:
                  https://runbooks.example.com/runbooks/: checkouts/runbooks/content/runbooks
                  https://git.example.com/ops/: /srv/ops
                  "ftp://old.example.com/": /srv/old
                  https://nothing.example.com/: ""
                """, "config.yaml", Path.of("/home/ana/.config/baton"));
        assertThat(config.mappings()).extracting(m -> m.prefix() + " " + m.folder()).containsExactly(
                "https://runbooks.example.com/runbooks/ /home/ana/.config/baton/checkouts/runbooks/content/runbooks",
                "https://git.example.com/ops/ /srv/ops");
        assertThat(config.problems()).containsExactly(
                "config.yaml: runbook_urls: ftp://old.example.com/ is not an http or https address; left out",
                "config.yaml: runbook_urls: https://nothing.example.com/ needs a folder; left out");
    }

    @Test
    void theSourcesReaderDoesNotCallTheKeyUnknown() {
        SourcesConfig sources = SourcesConfig.parse("runbook_urls:\n  https://a.example.com/: /srv/a\n", "config.yaml", null);
        assertThat(sources.problems()).isEmpty();
    }

    @Test
    void aListInsteadOfAMapIsExplained() {
        assertThat(RunbookUrlConfig.parse("runbook_urls: [a, b]\n", "config.yaml", null).problems())
                .singleElement().asString().contains("maps each URL prefix to a folder");
    }
}
