package dev.baton.runbook;

/** A GFM task-list item ({@code - [ ] text}) as the runbook's author left it. */
public record ChecklistItem(String text, boolean checked, String section, int line) {
}
