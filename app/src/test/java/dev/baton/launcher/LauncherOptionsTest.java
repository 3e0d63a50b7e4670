package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code baton} launcher script reads {@code BATON_JAVA_OPTS} as a shell reads words: a quoted
 * value with spaces reaches the JVM whole. It runs the real script with the real {@code java} on a
 * small jar that prints the system properties it was given.
 */
class LauncherOptionsTest {

    @TempDir
    Path checkout;

    @Test
    void aQuotedValueWithSpacesReachesTheJvmWhole() throws Exception {
        LauncherCheckout.Result result = launch("-Dbaton.shell='/bin/zsh -l' -Dbaton.responder=\"ana maria\" -Dother=a\\ b");

        assertThat(result.stderr()).doesNotContain("Unrecognized option");
        assertThat(result.stdout()).contains("baton.shell=[/bin/zsh -l]\n", "baton.responder=[ana maria]\n",
                "other=[a b]\n");
        assertThat(result.exit()).isZero();
    }

    @Test
    void plainWordsStillWork() throws Exception {
        LauncherCheckout.Result result = launch("-Dbaton.shell=/bin/bash   -Dbaton.responder=ana");

        assertThat(result.stdout()).contains("baton.shell=[/bin/bash]\n", "baton.responder=[ana]\n");
        assertThat(result.exit()).isZero();
    }

    @Test
    void shellSyntaxInTheVariableIsNeverRun() throws Exception {
        Path marker = checkout.resolve("ran");
        LauncherCheckout.Result result = launch("-Dbaton.shell=\"$(touch " + marker + ")\" `touch " + marker + "`; touch " + marker);

        assertThat(marker).doesNotExist();
        assertThat(result.stdout() + result.stderr()).doesNotContain("Unrecognized option: -l");
    }

    @Test
    void anUnmatchedQuoteIsSaidPlainly() throws Exception {
        LauncherCheckout.Result result = launch("-Dbaton.shell='/bin/zsh -l");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("BATON_JAVA_OPTS").contains("quote");
    }

    private LauncherCheckout.Result launch(String javaOpts) throws Exception {
        return new LauncherCheckout(checkout).launch(Map.of("BATON_JAVA_OPTS", javaOpts), "print-properties");
    }
}
