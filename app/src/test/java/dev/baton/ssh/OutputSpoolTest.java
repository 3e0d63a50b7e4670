package dev.baton.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that prints without end fills the spool file up to its limit, not the disk, and the text says so. */
class OutputSpoolTest {
    private static final int MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void outputPastTheFilesLimitIsCountedAndDroppedAndTheTextSaysSo() throws Exception {
        OutputSpool spool = new OutputSpool(dir, "stdout", 64 * 1024, MB);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'y');
        for (int i = 0; i < 3 * MB / chunk.length; i++) {
            spool.write(chunk, 0, chunk.length);
        }
        byte[] last = "last line\n".getBytes(StandardCharsets.UTF_8);
        spool.write(last, 0, last.length);
        spool.close();

        assertThat(spool.size()).isEqualTo(3L * MB + last.length);
        assertThat(Files.size(spool.spoolFile().orElseThrow())).isEqualTo(MB);
        assertThat(spool.dropped()).isEqualTo(2L * MB + last.length);
        assertThat(spool.text()).contains("output past 1 MB was dropped").contains(spool.spoolFile().get().toString())
                .endsWith("last line\n");
    }

    @Test
    void outputWithinTheLimitIsKeptWholeInTheFileTheTextNames() throws Exception {
        OutputSpool spool = new OutputSpool(dir, "stdout", 64 * 1024);
        byte[] chunk = new byte[MB];
        Arrays.fill(chunk, (byte) 'y');
        spool.write(chunk, 0, chunk.length);
        spool.close();
        assertThat(Files.size(spool.spoolFile().orElseThrow())).isEqualTo(MB);
        assertThat(spool.text()).contains("full output in " + spool.spoolFile().get());
    }

    /** Head and tail come from memory while it holds everything, and stay right once the output spools. */
    @Test
    void headAndTailAreRightInMemoryAndAcrossTheMoveToTheFile() throws Exception {
        OutputSpool spool = new OutputSpool(dir, "stdout", 100 * 1024);
        byte[] counting = new byte[250 * 1024];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = (byte) (i % 251);
        }
        spool.write(counting, 0, 1000);
        assertThat(spool.isSpooled()).isFalse();
        assertThat(spool.head()).isEqualTo(Arrays.copyOf(counting, 1000));
        assertThat(spool.tail()).isEqualTo(Arrays.copyOf(counting, 1000));
        spool.write(counting, 1000, 99 * 1024);
        assertThat(spool.head()).isEqualTo(Arrays.copyOf(counting, OutputSpool.EDGE));
        assertThat(spool.tail()).isEqualTo(Arrays.copyOfRange(counting, 1000 + 99 * 1024 - OutputSpool.EDGE,
                1000 + 99 * 1024));
        int at = 1000 + 99 * 1024;
        for (; at < counting.length; at += 7000) {
            spool.write(counting, at, Math.min(7000, counting.length - at));
        }
        spool.close();
        assertThat(spool.isSpooled()).isTrue();
        assertThat(spool.head()).isEqualTo(Arrays.copyOf(counting, OutputSpool.EDGE));
        assertThat(spool.tail()).isEqualTo(Arrays.copyOfRange(counting, counting.length - OutputSpool.EDGE,
                counting.length));
        assertThat(Files.readAllBytes(spool.spoolFile().orElseThrow())).isEqualTo(counting);
    }
}
