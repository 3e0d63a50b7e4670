package dev.baton.render;

/**
 * Where a rendered link may lead. The page never navigates by itself: every href is a {@code baton:}
 * URL that Baton intercepts, or an in-page anchor.
 */
public interface LinkPolicy {
    /** The href for a link's destination, or null to render its text without a link. */
    String href(String destination);

    /** A tooltip saying where the link really goes (or why it goes nowhere). */
    String title(String destination);
}
