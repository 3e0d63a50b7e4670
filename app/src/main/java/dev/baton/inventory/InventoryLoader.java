package dev.baton.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the inventories a responder names, telling an ssh config from an Ansible inventory by its
 * content; a file that cannot be read becomes a problem in the result, never a lost inventory.
 */
public final class InventoryLoader {
    private static final Pattern SSH_CONFIG_KEYWORD = Pattern.compile(
            "(?im)^\\s*(Host|HostName|Match|Include|ProxyJump|IdentityFile)[\\s=]");

    private InventoryLoader() {}

    /** The responder's own ~/.ssh/config, when there is one. */
    public static Path userSshConfig() {
        return Path.of(System.getProperty("user.home"), ".ssh", "config");
    }

    public static Inventory load(List<Path> files) {
        Inventory inventory = Inventory.empty();
        for (Path file : files) {
            inventory = inventory.merge(loadOne(file));
        }
        return inventory;
    }

    static Inventory loadOne(Path file) {
        try {
            if (Files.isDirectory(file) && Files.isRegularFile(file.resolve("ansible.cfg"))) {
                return AnsibleProject.inventoryOf(file).map(InventoryLoader::loadOne)
                        .orElseGet(() -> new Inventory(List.of(), List.of(file + ": ansible.cfg names no inventory"
                                + " file ([defaults] inventory = FILE); give the inventory file itself")));
            }
            if (!Files.isRegularFile(file)) {
                return new Inventory(List.of(), List.of(file + ": no such file"));
            }
            if (isSshConfig(file)) {
                return SshConfigInventory.read(file);
            }
            return AnsibleInventory.read(file);
        } catch (IOException | RuntimeException e) {
            return new Inventory(List.of(), List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    private static boolean isSshConfig(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".ini")) {
            return false;
        }
        if (name.equals("config") || name.endsWith(".conf")) {
            return true;
        }
        return SSH_CONFIG_KEYWORD.matcher(Files.readString(file, StandardCharsets.UTF_8)).find();
    }
}
