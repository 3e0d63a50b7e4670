package dev.baton.runbook;

import java.util.List;

/** A heading and the headings nested under it. */
public record Section(int level, String title, int line, List<Section> children) {
    public Section {
        children = List.copyOf(children);
    }
}
