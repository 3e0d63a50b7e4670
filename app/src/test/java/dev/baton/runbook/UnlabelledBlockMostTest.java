package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guess of an unlabelled block asks whether most of its lines match a pattern; stopping once the answer is
 * known, and telling comments without stripping each line, gives the answer of counting every line.
 */
class UnlabelledBlockMostTest {
    private static final List<String> LINES = List.of("key: value", "  - item", "# a comment", "   # indented comment",
            "\t#tab comment", "\u2003# after an em space", "\u00a0# after a no-break space", "", "   ", "\t", "#",
            "kubectl get pods", "echo # not a comment", "key = value", "a", "é: accent", "\u2028# line separator",
            "value:", "-# dash");
    private static final List<Pattern> PATTERNS = List.of(Pattern.compile("\\s*[\\w-]+:(\\s.*)?|\\s*- \\S.*"),
            Pattern.compile(".*"), Pattern.compile("x"), Pattern.compile("\\s*[\\w.\"-]+\\s+=\\s+.*"), Pattern.compile("\\s*"));

    /** The former way: every line counted. */
    private static boolean counted(List<String> lines, Pattern pattern) {
        List<String> content = lines.stream().filter(l -> !l.strip().startsWith("#")).toList();
        long matching = content.stream().filter(l -> pattern.matcher(l).matches()).count();
        return !content.isEmpty() && matching * 3 >= content.size() * 2L;
    }

    @Test
    void stoppingEarlyGivesTheAnswerOfCountingEveryLine() {
        Random random = new Random(32);
        int yes = 0;
        for (int i = 0; i < 100_000; i++) {
            List<String> lines = new ArrayList<>();
            int size = random.nextInt(12);
            for (int l = 0; l < size; l++) {
                lines.add(LINES.get(random.nextInt(LINES.size())));
            }
            for (Pattern pattern : PATTERNS) {
                boolean expected = counted(lines, pattern);
                assertThat(UnlabelledBlock.most(lines, pattern)).as("%s %s", pattern, lines).isEqualTo(expected);
                yes += expected ? 1 : 0;
            }
        }
        assertThat(yes).as("both answers are among them").isBetween(10_000, 490_000);
    }

    @Test
    void twoThirdsIsEnoughAndLessIsNot() {
        Pattern yaml = PATTERNS.get(0);
        assertThat(UnlabelledBlock.most(List.of("a: 1", "b: 2", "echo"), yaml)).isTrue();
        assertThat(UnlabelledBlock.most(List.of("a: 1", "echo", "echo"), yaml)).isFalse();
        assertThat(UnlabelledBlock.most(List.of("# a: 1", "  # b: 2"), yaml)).as("comments alone").isFalse();
        assertThat(UnlabelledBlock.most(List.of(), yaml)).isFalse();
        assertThat(UnlabelledBlock.most(List.of("a: 1", "# echo", "# echo"), yaml)).isTrue();
    }
}
