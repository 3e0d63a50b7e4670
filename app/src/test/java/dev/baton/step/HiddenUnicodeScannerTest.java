package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HiddenUnicodeScannerTest {
    private final HiddenUnicodeScanner scanner = new HiddenUnicodeScanner();

    @ParameterizedTest
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
        0x061C, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014,
        0x2015, 0x2212, 0x00A0, 0x202F, 0xE0001, 0xE0041, 0xE007F})
    void findsEachHiddenCharacter(int codePoint) {
        String text = "ls " + new String(Character.toChars(codePoint)) + "-la";
        assertThat(scanner.scan(text)).singleElement().satisfies(f -> {
            assertThat(f.codePoint()).isEqualTo(codePoint);
            assertThat(f.offset()).isEqualTo(3);
            assertThat(f.name()).endsWith(String.format("(U+%04X)", codePoint));
        });
    }

    @Test
    void ordinaryTextIncludingEmojiAndAccentsIsClean() {
        assertThat(scanner.scan("echo 'café 🔴 naïve' | grep -E \"a-z\" — no wait")).hasSize(1); // the em dash only
        assertThat(scanner.scan("kubectl get pods -n default 🔴 ü ß 日本")).isEmpty();
    }

    @Test
    void trojanSourceIsNamedAndRevealed() {
        String trojan = "echo ok \u202E# }\u2066 rm -rf ~ \u2069";
        assertThat(scanner.scan(trojan)).extracting(HiddenUnicodeScanner.Finding::name).containsExactly(
                "RIGHT-TO-LEFT OVERRIDE (U+202E)", "LEFT-TO-RIGHT ISOLATE (U+2066)", "POP DIRECTIONAL ISOLATE (U+2069)");
        assertThat(scanner.reveal(trojan)).isEqualTo("echo ok ⟦U+202E⟧# }⟦U+2066⟧ rm -rf ~ ⟦U+2069⟧");
    }

    @Test
    void lookAlikeDashInAFlag() {
        assertThat(scanner.reveal("rm \u2010rf /tmp/x")).isEqualTo("rm ⟦U+2010⟧rf /tmp/x");
    }

    @Test
    void stepWarningsGroupByCharacter() {
        assertThat(new StepWarnings().of("ls a\u200Bb\u200Bc; rm -rf x")).extracting(StepWarning::kind, StepWarning::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(StepWarning.Kind.DESTRUCTIVE, "rm -r"),
                        org.assertj.core.groups.Tuple.tuple(StepWarning.Kind.HIDDEN_UNICODE, "ZERO WIDTH SPACE (U+200B) ×2"));
    }

    @Test
    void jsonNames() {
        assertThat(StepWarning.Kind.DESTRUCTIVE.jsonName()).isEqualTo("destructive");
        assertThat(StepWarning.Kind.HIDDEN_UNICODE.jsonName()).isEqualTo("hidden-unicode");
    }
}
