package dev.baton.ansible;

import java.io.IOException;

/**
 * Ansible would not run the step: it rejected the inventory, or the pattern matched no host. Nothing ran and
 * nothing was recorded; the message carries Ansible's own words.
 */
public final class AnsibleRefused extends IOException {
    public AnsibleRefused(String message) {
        super(message);
    }
}
