package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's heap, collector and compiler options are the same whether Baton starts from {@code ./baton} or from
 * the installed package, whose launcher gets the options listed in {@code packaging/build.sh}: the window's resident
 * memory and first open were measured with them, and one launcher changed alone would leave the other with a heap
 * of another size or a parser compiled otherwise. Runs the real script with the real {@code java} on a small jar
 * that prints its JVM's options.
 */
class LauncherMemoryOptionsTest {
    /** Options that size the heap or choose and steer its collector. */
    private static final Pattern MEMORY_OPTION = Pattern.compile(
            "-Xm[snx]\\S+|-XX:[+-]?Use\\w*GC|-XX:G1\\w+=?\\S*|-XX:\\w*(?:Heap|NewSize|GCTimeRatio|HeapFreeRatio)\\w*=\\S+");

    /** Options that steer the compilers; a file they name is compared by its name alone. */
    private static final Pattern COMPILER_OPTION = Pattern.compile(
            "-XX:Tier4\\w+=\\S+|-XX:CompileCommand=\\S+|-XX:CompilerDirectivesFile=\\S+|-XX:[+-]DisplayVMOutput");

    @TempDir
    Path root;

    @Test
    void theWindowGetsThePackagesHeapAndCollectorOptions() throws Exception {
        assertTheWindowGetsThePackages(MEMORY_OPTION);
    }

    @Test
    void theWindowGetsThePackagesCompilerOptions() throws Exception {
        assertTheWindowGetsThePackages(COMPILER_OPTION);
    }

    private void assertTheWindowGetsThePackages(Pattern kind) throws Exception {
        List<String> packaged = packagedOptions(kind);
        assertThat(packaged).as("the package's options of this kind").isNotEmpty();

        LauncherCheckout.Result window = new LauncherCheckout(root).launch(Map.of(), "--runbooks=" + root, "jvm-options");

        assertThat(window.exit()).isZero();
        List<String> given = window.stdout().lines().filter(line -> line.startsWith("jvm-option="))
                .map(line -> line.substring("jvm-option=".length())).filter(o -> kind.matcher(o).matches())
                .map(LauncherMemoryOptionsTest::fileByName).toList();
        assertThat(given).containsExactlyInAnyOrderElementsOf(packaged);
    }

    /** The options of {@code kind} among the package launcher's {@code java_options=( … )} in packaging/build.sh. */
    private static List<String> packagedOptions(Pattern kind) throws Exception {
        String build = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("packaging/build.sh"));
        Matcher block = Pattern.compile("(?s)\\njava_options=\\((.*?)\\n\\)").matcher(build);
        assertThat(block.find()).as("java_options=( … ) in packaging/build.sh").isTrue();
        return Pattern.compile("\\s+").splitAsStream(block.group(1).replaceAll("(?m)#.*$", "").strip())
                .map(word -> word.replaceAll("[\"\\\\]", "")).filter(word -> kind.matcher(word).matches())
                .map(LauncherMemoryOptionsTest::fileByName).toList();
    }

    /** An option naming a file ({@code =/some/where/name.json}, {@code =$APPDIR/name.json}) as {@code =name.json}. */
    private static String fileByName(String option) {
        return option.replaceFirst("=\\S*/", "=");
    }
}
