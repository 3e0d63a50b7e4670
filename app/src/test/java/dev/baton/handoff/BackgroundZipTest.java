package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** The zip deflated on its own thread: the same bytes in the same order, and its failures reach the exporter. */
class BackgroundZipTest {
    @Test
    void entriesComeOutWholeAndInOrder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackgroundZip zip = new BackgroundZip(out, Deflater.BEST_SPEED);
        for (int e = 0; e < 3; e++) {
            zip.putNextEntry(new ZipEntry("captures/" + e + ".txt"));
            for (int block = 0; block < 40; block++) {
                byte[] bytes = ("entry " + e + " block " + block + "\n").getBytes(StandardCharsets.UTF_8);
                zip.write(bytes, bytes.length);
            }
            zip.closeEntry();
        }
        zip.finish();
        zip.close();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (int e = 0; e < 3; e++) {
                assertThat(in.getNextEntry().getName()).isEqualTo("captures/" + e + ".txt");
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(text).startsWith("entry " + e + " block 0\n").endsWith("entry " + e + " block 39\n")
                        .hasLineCount(40);
            }
            assertThat(in.getNextEntry()).isNull();
        }
    }

    @Test
    void aFailureOfTheOutputReachesTheExporter() throws Exception {
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        BackgroundZip zip = new BackgroundZip(full, Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry("notes.md"));
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        // Random bytes do not shrink: well past the zip's own 64 KB buffer, so the output is written to.
        assertThatThrownBy(() -> {
            for (int block = 0; block < 64; block++) {
                byte[] bytes = new byte[64 * 1024];
                random.nextBytes(bytes);
                zip.write(bytes, bytes.length);
            }
            zip.closeEntry();
            zip.finish();
        }).isInstanceOf(IOException.class).hasMessage("No space left on device");
        zip.close();
    }

    @Test
    void closingBeforeTheEndStopsTheThread() throws Exception {
        BackgroundZip zip = new BackgroundZip(OutputStream.nullOutputStream(), Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry("notes.md"));
        zip.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("bundle-zip") && t.isAlive());
    }
}
