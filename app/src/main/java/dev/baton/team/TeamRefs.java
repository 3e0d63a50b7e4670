package dev.baton.team;

import java.util.regex.Pattern;

/**
 * Where an incident lives in the team's remote: one ref per responder,
 * {@code refs/baton/incidents/<incident>/<responder>}, whose commits hold {@code incident.json} and
 * {@code events/<responder>.jsonl}. Only that responder writes it, so two responders never push to the same
 * ref and concurrent appends cannot conflict. Locally, fetched refs wait under {@code refs/baton/fetched/}
 * until their signatures and chains are checked, and move to {@code refs/baton/accepted/} once they are.
 */
public final class TeamRefs {
    public static final String SHARED = "refs/baton/incidents/";
    static final String FETCHED = "refs/baton/fetched/";
    static final String ACCEPTED = "refs/baton/accepted/";
    /** Every incident's refs as last listed for Open…: read, never taken in as logs. */
    static final String LISTED = "refs/baton/listed/";
    public static final String INFO = "incident.json";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern RESPONDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}");

    private TeamRefs() {}

    /** The file of {@code responder}'s events inside their ref's commits. */
    public static String eventsFile(String responder) {
        return "events/" + responder + ".jsonl";
    }

    public static String shared(String id, String responder) {
        return SHARED + checkId(id) + "/" + checkResponder(responder);
    }

    static String fetched(String id, String responder) {
        return FETCHED + checkId(id) + "/" + checkResponder(responder);
    }

    static String accepted(String id, String responder) {
        return ACCEPTED + checkId(id) + "/" + checkResponder(responder);
    }

    public static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..") || id.endsWith(".lock")) {
            throw new IllegalArgumentException("\"" + id + "\" cannot name a shared incident: letters, digits, "
                    + "'.', '_' and '-' only");
        }
        return id;
    }

    /** A responder's name as git can carry it in a ref, or an error saying what to set instead. */
    public static String checkResponder(String responder) {
        if (responder == null || !RESPONDER.matcher(responder).matches() || responder.contains("..")
                || responder.endsWith(".lock") || responder.contains("@{")) {
            throw new IllegalArgumentException("the responder name \"" + responder + "\" cannot name a log in git: "
                    + "use letters, digits and . _ @ + - (set baton.responder)");
        }
        return responder;
    }

    public static boolean isId(String id) {
        try {
            checkId(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean isResponder(String name) {
        try {
            checkResponder(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
