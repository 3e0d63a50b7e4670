package dev.baton.ansible;

import java.io.IOException;

/** The {@code ansible} command is not there: nothing ran, and the message says what to install. */
public final class AnsibleMissing extends IOException {
    public AnsibleMissing(String detail) {
        super("Ansible is not installed here: " + detail + ". Install Debian's 'ansible' package (apt install"
                + " ansible): it brings ansible-core and the ansible.posix.jsonl callback Baton reads results with."
                + " Or run the step with the SSH engine.");
    }
}
