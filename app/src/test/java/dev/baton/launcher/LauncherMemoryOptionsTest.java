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
 * The window's heap and collector options are the same whether Baton starts from {@code ./baton} or from the
 * installed package, whose launcher gets the options listed in {@code packaging/build.sh}: the window's resident
 * memory was measured with them, and one launcher changed alone would leave the other with a heap of another
 * size. Runs the real script with the real {@code java} on a small jar that prints its JVM's options.
 */
class LauncherMemoryOptionsTest {
    /** Options that size the heap or choose and steer its collector. */
    private static final Pattern MEMORY_OPTION = Pattern.compile(
            "-Xm[snx]\\S+|-XX:[+-]?Use\\w*GC|-XX:G1\\w+=?\\S*|-XX:\\w*(?:Heap|NewSize|GCTimeRatio|HeapFreeRatio)\\w*=\\S+");

    @TempDir
    Path root;

    @Test
    void theWindowGetsThePackagesHeapAndCollectorOptions() throws Exception {
        List<String> packaged = packagedMemoryOptions();
        assertThat(packaged).as("the package's memory options").isNotEmpty();

        LauncherCheckout.Result window = new LauncherCheckout(root).launch(Map.of(), "--runbooks=" + root, "jvm-options");

        assertThat(window.exit()).isZero();
        List<String> given = window.stdout().lines().filter(line -> line.startsWith("jvm-option="))
                .map(line -> line.substring("jvm-option=".length())).filter(o -> MEMORY_OPTION.matcher(o).matches())
                .toList();
        assertThat(given).containsExactlyInAnyOrderElementsOf(packaged);
    }

    /** The memory options among the package launcher's {@code java_options=( … )} in packaging/build.sh. */
    private static List<String> packagedMemoryOptions() throws Exception {
        String build = Files.readString(Path.of(System.getProperty("user.dir")).getParent().resolve("packaging/build.sh"));
        Matcher block = Pattern.compile("(?s)\\njava_options=\\((.*?)\\n\\)").matcher(build);
        assertThat(block.find()).as("java_options=( … ) in packaging/build.sh").isTrue();
        return Pattern.compile("\\s+").splitAsStream(block.group(1).replaceAll("(?m)#.*$", "").strip())
                .filter(word -> MEMORY_OPTION.matcher(word).matches()).toList();
    }
}
