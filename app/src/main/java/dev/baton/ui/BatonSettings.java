package dev.baton.ui;

import dev.baton.inventory.InventoryLoader;
import dev.baton.ssh.KnownHosts;
import dev.baton.ssh.SshSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the console finds the responder's SSH files and inventories. Defaults are the responder's own
 * (~/.ssh); the {@code baton.known-hosts} and {@code baton.inventory} settings point elsewhere (tests,
 * a team's shared inventory).
 */
final class BatonSettings {
    private BatonSettings() {}

    static SshSettings ssh() {
        SshSettings settings = SshSettings.ofUser();
        String knownHosts = System.getProperty("baton.known-hosts", "");
        return knownHosts.isBlank() ? settings : settings.withKnownHosts(new KnownHosts(Path.of(knownHosts)));
    }

    /** {@code --inventory} files, else the {@code baton.inventory} setting, else ~/.ssh/config if present. */
    static List<Path> inventories(String fromArgs) {
        String listed = fromArgs != null ? fromArgs : System.getProperty("baton.inventory", "");
        if (!listed.isBlank()) {
            return Arrays.stream(listed.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        }
        Path config = InventoryLoader.userSshConfig();
        return Files.exists(config) ? List.of(config) : List.of();
    }
}
