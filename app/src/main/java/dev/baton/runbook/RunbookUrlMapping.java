package dev.baton.runbook;

import java.nio.file.Path;

/**
 * Where the runbooks an alert's {@code runbook_url} annotation links to are kept on this machine: every URL
 * that starts with {@code prefix} is a page of the runbooks under {@code folder} (a folder, or one file).
 */
public record RunbookUrlMapping(String prefix, Path folder) {
    public RunbookUrlMapping {
        folder = folder.toAbsolutePath().normalize();
    }
}
