package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An alert's value filled into a step, in every shell context a step can hold it, is run by a real bash:
 * nothing in the value runs, and where the context can quote it, it arrives as written. Where it cannot
 * (arithmetic, a here-document read by a shell, a line break in a here-document), the fill is refused.
 */
class ShellContextQuotingTest {
    @TempDir
    static Path dir;

    /**
     * A context: the step with {@code {{v}}} where the value goes, what bash prints for a value (null when
     * the context is refused for it), given the value.
     */
    record Context(String name, String step, java.util.function.Function<String, String> printed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String NO_NEWLINE = "\u0000no newline";

    private static List<Context> contexts() {
        return List.of(
                new Context("bare", "printf '%s|' {{v}}", v -> v + "|"),
                new Context("single quotes", "printf '%s|' 'a{{v}}b'", v -> "a" + v + "b|"),
                new Context("double quotes", "printf '%s|' \"a{{v}}b\"", v -> "a" + v + "b|"),
                new Context("$( ) in double quotes", "printf '%s|' \"$(printf '%s' {{v}})\"", v -> v + "|"),
                new Context("double quotes in $( ) in double quotes",
                        "printf '%s|' \"$(printf '%s' \"x{{v}}y\")\"", v -> "x" + v + "y|"),
                new Context("single quotes in $( ) in double quotes",
                        "printf '%s|' \"$(printf '%s' 'x{{v}}y')\"", v -> "x" + v + "y|"),
                new Context("$( ) in $( ) in double quotes",
                        "printf '%s|' \"$(printf '%s' \"$(printf '%s' {{v}})\")\"", v -> v + "|"),
                new Context("backticks in double quotes", "printf '%s|' \"`printf '%s' {{v}}`\"", v -> v + "|"),
                new Context("double quotes in backticks", "x=`printf '%s' \"a{{v}}\"`; printf '%s|' \"$x\"", v -> "a" + v + "|"),
                new Context("single quotes in backticks", "x=`printf '%s' 'a{{v}}'`; printf '%s|' \"$x\"", v -> "a" + v + "|"),
                new Context("$( ) in backticks", "x=`printf '%s' \"$(printf '%s' {{v}})\"`; printf '%s|' \"$x\"", v -> v + "|"),
                new Context("case in $( )", "printf '%s|' \"$(case a in a) printf '%s' {{v}};; esac)\"", v -> v + "|"),
                new Context("process substitution", "cat <(printf '%s|' {{v}})", v -> v + "|"),
                new Context("ANSI-C $'…'", "printf '%s|' $'a{{v}}b'", v -> "a" + v + "b|"),
                new Context("ANSI-C in double-quoted $( )", "printf '%s|' \"$(printf '%s' $'a{{v}}')\"", v -> "a" + v + "|"),
                new Context("comment", "true # see {{v}}\nprintf done", v -> "done"),
                new Context("comment in $( )", "printf '%s|' \"$(true # {{v}}\nprintf done)\"", v -> "done|"),
                new Context("here-document", "cat <<EOF\nat {{v}} now\nEOF\nprintf end", v -> noNewline(v, "at " + v + " now\nend")),
                new Context("quoted here-document", "cat <<'EOF'\nat {{v}} now\nEOF\nprintf end", v -> noNewline(v, "at " + v + " now\nend")),
                new Context("here-document with tabs stripped", "cat <<-EOF\n\tat {{v}}\n\tEOF\nprintf end", v -> noNewline(v, "at " + v + "\nend")),
                new Context("here-document in $( )", "printf '%s|' \"$(cat <<EOF\n{{v}}\nEOF\n)\"", v -> noNewline(v, v + "|")),
                new Context("second here-document", "cat <<A; cat <<'B'\nfirst\nA\n{{v}}\nB\nprintf end",
                        v -> noNewline(v, "first\n" + v + "\nend")),
                new Context("here-document read by bash", "bash <<'EOF'\nprintf '%s|' {{v}}\nEOF", v -> plainOnly(v, v + "|")),
                new Context("parameter default", "printf '%s|' \"${BATON_UNSET_X:-{{v}}}\"", v -> plainOnly(v, v + "|")),
                new Context("arithmetic", "printf '%s|' $(( {{v}} + 1 ))", v -> v.matches("-?[0-9]+") ? (Integer.parseInt(v) + 1) + "|" : null),
                new Context("arithmetic command", "(( {{v}} > 0 )) && printf yes || printf no", v -> v.matches("-?[0-9]+")
                        ? (Integer.parseInt(v) > 0 ? "yes" : "no") : null),
                new Context("$VAR bare", "printf '%s|' $V", v -> v + "|"),
                new Context("${VAR} in double quotes", "printf '%s|' \"a${V}b\"", v -> "a" + v + "b|"),
                new Context("$VAR in single quotes stays", "printf '%s|' '$V'", v -> "$V|"),
                new Context("$VAR in backticks in double quotes", "printf '%s|' \"`printf '%s' $V`\"", v -> v + "|"));
    }

    private static String noNewline(String value, String printed) {
        return value.contains("\n") || value.contains("EOF") ? null : printed;
    }

    private static String plainOnly(String value, String printed) {
        return ShellQuoting.needsQuoting(value) ? null : printed;
    }

    private static List<String> values() {
        String canary = dir.resolve("ran").toString();
        return List.of(
                "api-7f9c",
                "a; touch " + canary,
                "$(touch " + canary + ")",
                "`touch " + canary + "`",
                "a\ntouch " + canary + "\n#",
                "it's'; touch " + canary + "; '",
                "say \"hi\"; touch " + canary + " \"",
                "back\\slash\\'; touch " + canary + ";\\",
                "x\nEOF\ntouch " + canary + "\ncat <<EOF",
                "))); touch " + canary + "; ((",
                "}; touch " + canary + "; ${x",
                "!! !-1 $'\\x41' ${HOME} ~ * ? [a] {a,b}",
                "42");
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Context context : contexts()) {
            for (String value : values()) {
                cases.add(Arguments.of(context, value));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void anAlertValueNeverRunsAndArrivesAsWrittenWhereItCanBeQuoted(Context context, String value) throws Exception {
        Path canary = dir.resolve("ran");
        Files.deleteIfExists(canary);
        String step = context.step().replace("{{v}}", "{{v}}");
        Map<String, String> values = Map.of("v", value, "V", value);
        String expected = context.printed().apply(value);

        if (expected == null) {
            assertThatThrownBy(() -> ShellQuoting.fill(step, values, Set.of("v", "V")))
                    .isInstanceOf(UnquotableValue.class).hasMessageContaining("{{v}}");
            return;
        }
        String filled = ShellQuoting.fill(step, values, Set.of("v", "V"));
        String printed = bash(filled);
        assertThat(canary).as(filled).doesNotExist();
        assertThat(printed).as(filled).isEqualTo(expected);
    }

    private static String bash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-c", script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
