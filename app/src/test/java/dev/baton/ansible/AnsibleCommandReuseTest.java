package dev.baton.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's ansible answers {@code --version} after a Python start of a second or more: a second run in the same
 * session reuses what the first learnt, until the ansible on the PATH is another file (an upgrade replaces it).
 */
class AnsibleCommandReuseTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLookupReusesTheFirstUntilTheCommandChangesOnDisk() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path ansible = Files.copy(Path.of("/usr/bin/ansible"), bin.resolve("ansible"));
        Map<String, String> environment = Map.of("ANSIBLE_HOME", dir.resolve("home").toString());
        String path = bin + ":/usr/bin:/bin";

        AnsibleCommand first = AnsibleCommand.locate(path, environment);
        assertThat(first.version()).startsWith("ansible [core ");
        assertThat(AnsibleCommand.locate(path, environment)).isSameAs(first);

        Files.setLastModifiedTime(ansible, FileTime.fromMillis(Files.getLastModifiedTime(ansible).toMillis() + 10_000));
        AnsibleCommand upgraded = AnsibleCommand.locate(path, environment);
        assertThat(upgraded).isNotSameAs(first).isEqualTo(first);
        // Another environment (another ANSIBLE_HOME) is asked anew.
        assertThat(AnsibleCommand.locate(path, Map.of("ANSIBLE_HOME", dir.resolve("other").toString())))
                .isNotSameAs(upgraded);
    }
}
