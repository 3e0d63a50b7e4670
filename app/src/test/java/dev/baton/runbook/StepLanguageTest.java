package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StepLanguageTest {
    @Test
    void theLanguageIsTheInfoStringsFirstWord() {
        assertThat(StepReader.language(null)).isEmpty();
        assertThat(StepReader.language("")).isEmpty();
        assertThat(StepReader.language("  Bash  ")).isEqualTo("bash");
        assertThat(StepReader.language("bash {id=restart}")).isEqualTo("bash");
        assertThat(StepReader.language("sh,copy")).isEqualTo("sh");
        assertThat(StepReader.language("shell\ttitle=x")).isEqualTo("shell");
        assertThat(StepReader.language(".PromQL")).isEqualTo("promql");
        assertThat(StepReader.language("language-sql")).isEqualTo("sql");
        assertThat(StepReader.language(".language-sql")).isEqualTo("sql");
        // A leading brace (pandoc's {.bash}) leaves no first word, as before.
        assertThat(StepReader.language("{.bash}")).isEmpty();
    }
}
