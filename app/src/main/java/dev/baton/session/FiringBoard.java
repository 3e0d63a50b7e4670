package dev.baton.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the Firing list shows after each reading, so that it is never misread as an all-clear: only a
 * complete listing (every Alertmanager answered with a well-formed list) may say "Nothing firing". When an
 * Alertmanager cannot be asked, the last complete list stays on show, marked stale, with since when it has
 * been unreachable. One board per list; read it from one thread.
 */
public final class FiringBoard {
    /**
     * What to show.
     *
     * @param groups   the alerts to list (the last complete list's when {@code stale})
     * @param headline one line on top: the count, or what is wrong and how old the list is
     * @param stale    whether {@code groups} are from an earlier reading
     * @param problems the details, one message per Alertmanager or file, in plain words
     */
    public record Shown(List<FiringAlerts.Group> groups, String headline, boolean stale, List<String> problems) {
        public Shown {
            groups = List.copyOf(groups);
            problems = List.copyOf(problems);
        }
    }

    private final ZoneId zone;
    private FiringAlerts.Listing lastComplete;
    private Instant failingSince;

    public FiringBoard(ZoneId zone) {
        this.zone = zone;
    }

    public Shown next(FiringAlerts.Listing listing) {
        if (listing.complete()) {
            lastComplete = listing;
            failingSince = null;
            long count = listing.rows().size();
            long firingNow = listing.rows().stream().filter(r -> r.alert().status().equals("firing")).count();
            String headline = count == 0 ? "Nothing firing · read " + clock(listing.at())
                    : firingNow + " firing, " + (count - firingNow) + " silenced or inhibited · read " + clock(listing.at());
            return new Shown(listing.groups(), headline, false, listing.problems());
        }
        if (listing.unreachable().isEmpty()) {
            // No Alertmanager to ask: say so, with nothing listed.
            return new Shown(List.of(), "No Alertmanager to ask: nothing is known about what is firing", false,
                    listing.problems());
        }
        if (failingSince == null) {
            failingSince = listing.at();
        }
        String who = "Alertmanager " + String.join(", ", listing.unreachable()) + " unreachable since " + clock(failingSince);
        if (lastComplete == null) {
            return new Shown(listing.groups(), who + " — no complete list read yet", !listing.groups().isEmpty(),
                    listing.problems());
        }
        return new Shown(lastComplete.groups(), who + " — showing the last list from " + clock(lastComplete.at()), true,
                listing.problems());
    }

    private String clock(Instant at) {
        return DateTimeFormatter.ofPattern("HH:mm").withZone(zone).format(at);
    }
}
