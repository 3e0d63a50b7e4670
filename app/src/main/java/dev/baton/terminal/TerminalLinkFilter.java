package dev.baton.terminal;

import com.techsenger.jeditermfx.core.model.hyperlinks.HyperlinkFilter;
import com.techsenger.jeditermfx.core.model.hyperlinks.LinkInfo;
import com.techsenger.jeditermfx.core.model.hyperlinks.LinkResult;
import com.techsenger.jeditermfx.core.model.hyperlinks.LinkResultItem;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which text in a terminal is a link: web addresses only. It also judges the target of an OSC 8
 * hyperlink, so a link whose visible text says one thing and whose target is {@code file:} or
 * anything but http(s) is no link at all. Following a link hands its real target to {@code open},
 * which asks the responder first.
 */
public final class TerminalLinkFilter implements HyperlinkFilter {
    private static final Pattern WEB = Pattern.compile("https?://[\\w.~:/?#\\[\\]@!$&'()*+,;=%-]+", Pattern.CASE_INSENSITIVE);

    private final Consumer<String> open;

    public TerminalLinkFilter(Consumer<String> open) {
        this.open = open;
    }

    @Override
    public LinkResult apply(String line) {
        List<LinkResultItem> items = new ArrayList<>();
        Matcher m = WEB.matcher(line);
        while (m.find()) {
            String target = trimTrailingPunctuation(m.group());
            items.add(new LinkResultItem(m.start(), m.start() + target.length(), new LinkInfo(() -> open.accept(target))));
        }
        return items.isEmpty() ? null : new LinkResult(items);
    }

    /** "see https://x.io/a." links to https://x.io/a, as a reader expects. */
    private static String trimTrailingPunctuation(String url) {
        String trimmed = url;
        while (!trimmed.isEmpty() && ".,;:!?)]'".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
