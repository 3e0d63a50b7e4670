package dev.baton.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An Ansible project folder: an {@code ansible.cfg} with the team's access settings, and the inventory its
 * {@code [defaults] inventory} names. Ansible runs in that folder so that it reads the same file.
 */
public final class AnsibleProject {
    private AnsibleProject() {}

    /** The inventory file {@code folder/ansible.cfg} names, when it names one that is a file. */
    public static Optional<Path> inventoryOf(Path folder) throws IOException {
        String section = "";
        for (String raw : Files.readAllLines(folder.resolve("ansible.cfg"), StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int equals = line.indexOf('=');
            if (section.equals("defaults") && equals > 0
                    && line.substring(0, equals).strip().equalsIgnoreCase("inventory")) {
                // Ansible takes a comma-separated list here; Baton reads the first source.
                String first = line.substring(equals + 1).split(",")[0].strip();
                Path inventory = folder.resolve(first.startsWith("~/")
                        ? System.getProperty("user.home") + first.substring(1) : first);
                return Files.isRegularFile(inventory) ? Optional.of(inventory) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The project folder an inventory file belongs to: its own folder or the one above ({@code inventory/hosts}),
     * whichever holds an ansible.cfg first.
     */
    public static Optional<Path> folderOf(Path inventoryFile) {
        Path folder = inventoryFile.toAbsolutePath().getParent();
        for (int up = 0; up < 2 && folder != null; up++, folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("ansible.cfg"))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }
}
