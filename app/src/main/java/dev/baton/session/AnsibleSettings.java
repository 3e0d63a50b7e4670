package dev.baton.session;

import java.util.Map;

/**
 * How the Ansible engine finds and runs {@code ansible}.
 *
 * @param path        the PATH searched for {@code ansible} (the responder's own, unless a test gives another)
 * @param environment set for Ansible over the responder's environment (tests keep ANSIBLE_HOME in a temp folder)
 * @param treeOnly    read results from {@code --tree} files even where the jsonl callback is installed
 */
public record AnsibleSettings(String path, Map<String, String> environment, boolean treeOnly) {
    public AnsibleSettings {
        path = path == null ? "" : path;
        environment = Map.copyOf(environment);
    }

    /**
     * The responder's PATH and environment, results streamed through the jsonl callback where it is installed.
     * The {@code baton.ansible-home} setting, when given, is where Ansible keeps its own files (ANSIBLE_HOME and
     * its local temp) instead of ~/.ansible.
     */
    public static AnsibleSettings ofUser() {
        String home = System.getProperty("baton.ansible-home", "");
        return new AnsibleSettings(System.getenv("PATH"), home.isBlank() ? Map.of()
                : Map.of("ANSIBLE_HOME", home, "ANSIBLE_LOCAL_TEMP", java.nio.file.Path.of(home, "tmp").toString()),
                false);
    }

    public AnsibleSettings withTreeOnly() {
        return new AnsibleSettings(path, environment, true);
    }
}
