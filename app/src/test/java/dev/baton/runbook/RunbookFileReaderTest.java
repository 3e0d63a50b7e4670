package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookFileReaderTest {
    @TempDir
    Path dir;

    private final RunbookFileReader reader = new RunbookFileReader();

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void utf8WithBomReadsWithoutTheBom() throws Exception {
        byte[] body = "# Disk full\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        SourceText text = reader.read(write("bom.md", withBom));
        assertThat(text.text()).isEqualTo("# Disk full\n");
        assertThat(text.notices()).isEmpty();
    }

    @Test
    void crlfAndLoneCrBecomeLf() throws Exception {
        SourceText text = reader.read(write("crlf.md", "# A\r\n\r\nline\rnext\r\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.text()).isEqualTo("# A\n\nline\nnext\n");
    }

    @Test
    void invalidUtf8FallsBackToWindows1252WithANotice() throws Exception {
        byte[] latin = "# Caf\u00e9 \u20ac\n".getBytes("windows-1252");
        SourceText text = reader.read(write("latin.md", latin));
        assertThat(text.text()).isEqualTo("# Caf\u00e9 \u20ac\n");
        assertThat(text.notices()).singleElement().asString().contains("windows-1252");
    }

    @Test
    void mojibakeEmojiIsRepairedWithANotice() throws Exception {
        SourceText text = reader.read(FormatFixtures.file(FormatFixtures.EMOJI_INDEX));
        assertThat(text.text()).contains("### \uD83D\uDD34 Critical Alerts", "### \uD83D\uDFE1 Warning Alerts",
                "### \uD83D\uDFE2 Info Alerts");
        assertThat(text.text()).doesNotContain("\u00f0\u0178");
        assertThat(text.notices()).singleElement().asString().contains("mis-encoded");
    }

    @Test
    void ordinaryAccentedTextIsNotTakenForMojibake() throws Exception {
        SourceText text = reader.read(write("fr.md", "Caf\u00e9 cr\u00e8me \u00a9 \u00bd\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.text()).isEqualTo("Caf\u00e9 cr\u00e8me \u00a9 \u00bd\n");
        assertThat(text.notices()).isEmpty();
    }

    @Test
    void binaryFileIsRefusedWithTheOffset() throws Exception {
        Path file = write("image.md", new byte[] {'#', ' ', 'x', 0, 1, 2});
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(RunbookReadException.class)
                .hasMessageContaining("binary file")
                .hasMessageContaining("offset 3");
    }

    @Test
    void fileOverTenMegabytesIsRefusedWithoutReadingIt() throws Exception {
        Path file = dir.resolve("huge.md");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(RunbookFileReader.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(RunbookReadException.class)
                .hasMessageContaining("too large")
                .hasMessageContaining("10 MB");
    }

    @Test
    void fileOfExactlyTheLimitIsRead() throws Exception {
        byte[] bytes = new byte[(int) RunbookFileReader.MAX_BYTES];
        java.util.Arrays.fill(bytes, (byte) 'a');
        assertThat(reader.read(write("limit.md", bytes)).text()).hasSize((int) RunbookFileReader.MAX_BYTES);
    }

    @Test
    void missingFileAndDirectoryAreClearErrors() {
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.md"))).hasMessage("file not found");
        assertThatThrownBy(() -> reader.read(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void emptyFileIsAnEmptyRunbook() throws Exception {
        assertThat(reader.read(write("empty.md", new byte[0])).text()).isEmpty();
    }
}
