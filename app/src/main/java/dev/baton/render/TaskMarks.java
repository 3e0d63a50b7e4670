package dev.baton.render;

/** How a checklist item shows ticked or not: the page renders it, and the view updates it in place. */
public final class TaskMarks {
    private TaskMarks() {
    }

    public static String cssClass(boolean ticked) {
        return ticked ? "task checked" : "task";
    }

    public static String mark(boolean ticked) {
        return ticked ? "☑" : "☐";
    }

    public static String title(boolean ticked) {
        return ticked ? "Untick" : "Tick";
    }
}
