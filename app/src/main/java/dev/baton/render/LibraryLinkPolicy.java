package dev.baton.render;

import dev.baton.render.BatonUrls.Action;
import dev.baton.runbook.LinkTarget;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookLink;
import java.util.Locale;

/**
 * Links as the library resolves them: another runbook opens inside Baton, an in-page anchor scrolls,
 * a web link asks before the system browser opens it, and everything else (files, unknown schemes,
 * javascript:, data:, file:) is shown as text.
 */
public final class LibraryLinkPolicy implements LinkPolicy {
    private final RunbookLibrary library;
    private final Runbook from;

    public LibraryLinkPolicy(RunbookLibrary library, Runbook from) {
        this.library = library;
        this.from = from;
    }

    @Override
    public String href(String destination) {
        if (destination == null) {
            return null;
        }
        String trimmed = destination.strip();
        if (isWeb(trimmed)) {
            return BatonUrls.of(Action.EXTERNAL, trimmed);
        }
        LinkTarget target = library.resolve(from, new RunbookLink(trimmed, "", 0));
        return switch (target.kind()) {
            case RUNBOOK -> BatonUrls.of(Action.OPEN, target.runbookId());
            case ANCHOR -> target.runbookId().equals(from.path()) || target.runbookId().equals(from.id())
                    ? "#" + headingId(trimmed) : BatonUrls.of(Action.OPEN, target.runbookId());
            default -> null;
        };
    }

    @Override
    public String title(String destination) {
        if (destination == null) {
            return "";
        }
        String trimmed = destination.strip();
        if (isWeb(trimmed)) {
            return trimmed + " (opens in your browser after you confirm)";
        }
        LinkTarget target = library.resolve(from, new RunbookLink(trimmed, "", 0));
        return switch (target.kind()) {
            case RUNBOOK, ANCHOR -> target.runbookId();
            case FILE -> trimmed + " (a file, not opened from a runbook)";
            case BROKEN -> "Broken link: " + target.reason();
            case EXTERNAL -> trimmed + " (not a web link; not opened)";
        };
    }

    static boolean isWeb(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }

    /** The id {@link RunbookHtmlRenderer} gives the heading: the resolver has checked the fragment is its slug. */
    private static String headingId(String destination) {
        return "h-" + destination.substring(destination.indexOf('#') + 1);
    }
}
