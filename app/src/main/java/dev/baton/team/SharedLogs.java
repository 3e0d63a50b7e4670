package dev.baton.team;

import dev.baton.incident.Timeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logs of one incident in Baton's repository: this responder's own, published from the local timeline, and
 * the others', accepted from the remote only when every new commit is signed by a key the team's
 * allowed_signers lets sign as that responder, the ref only moved forward, and the log only grew with its hash
 * chain intact. What fails a check is refused and reported, never shown.
 */
public final class SharedLogs {
    private final TeamRepository repository;

    public SharedLogs(TeamRepository repository) {
        this.repository = repository;
    }

    /** What publishing committed: the tip of this responder's ref and whether a commit was made. */
    public record Published(String commit, boolean committed, int events) {}

    /** A remote log that was not taken in, and why, in words for the responder. */
    public record Refusal(String responder, String reason) {}

    /** What a fetch brought: responders whose logs grew, and refusals. */
    public record Received(List<String> grown, List<Refusal> refused) {
        public Received {
            grown = List.copyOf(grown);
            refused = List.copyOf(refused);
        }
    }

    /**
     * Commits {@code events} (the responder's whole redacted log) to their ref when it holds more than the ref
     * does. The log must extend what was published before: a published event is never changed.
     */
    public Published publish(String id, String responder, byte[] info, byte[] events, Path key) throws TeamException {
        String ref = TeamRefs.shared(id, responder);
        String parent = repository.head(ref).orElse(null);
        byte[] before = parent == null ? new byte[0]
                : repository.file(parent, TeamRefs.eventsFile(responder)).orElse(new byte[0]);
        int count = lines(events);
        if (parent == null && events.length == 0) {
            return new Published(null, false, 0); // nothing of this responder's yet: no empty log in the remote
        }
        if (parent != null && Arrays.equals(before, events)) {
            return new Published(parent, false, count);
        }
        if (!startsWith(events, before)) {
            throw new TeamException("Your timeline no longer begins with what was already shared (" + lines(before)
                    + " events): nothing was pushed. Was the incident folder replaced?");
        }
        String message = (count - lines(before)) + " event(s) of " + responder + " (" + count + " in all)";
        return new Published(repository.commit(ref, parent, responder, info, events, message, key), true, count);
    }

    /** Pushes the responder's log; the remote accepts only a fast-forward. */
    public void push(String remote, String id, String responder) throws TeamException {
        String ref = TeamRefs.shared(id, responder);
        Optional<String> head = repository.head(ref);
        if (head.isEmpty()) {
            return;
        }
        Optional<String> known = repository.head(TeamRefs.fetched(id, responder));
        if (known.isPresent() && known.get().equals(head.get())) {
            return; // the remote has it already
        }
        repository.push(remote, ref);
        repository.moveRef(TeamRefs.fetched(id, responder), head.get(), known.orElse(null));
    }

    /** The responder's log as the remote was last known to hold it. */
    public Optional<byte[]> pushed(String id, String responder) throws TeamException {
        Optional<String> known = repository.head(TeamRefs.fetched(id, responder));
        return known.isEmpty() ? Optional.empty() : repository.file(known.get(), TeamRefs.eventsFile(responder));
    }

    /** Fetches the incident's refs and accepts each responder's log that passes every check. */
    public Received receive(String remote, String id, String me, Path allowedSigners) throws TeamException {
        String remotePrefix = TeamRefs.SHARED + TeamRefs.checkId(id) + "/";
        String fetchedPrefix = TeamRefs.FETCHED + id + "/";
        repository.fetch(remote, remotePrefix, fetchedPrefix);
        List<String> grown = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (Map.Entry<String, String> fetched : repository.refs(fetchedPrefix).entrySet()) {
            String responder = fetched.getKey().substring(fetchedPrefix.length());
            if (!TeamRefs.isResponder(responder)) {
                refused.add(new Refusal(responder, "not a responder name Baton accepts"));
                continue;
            }
            try {
                if (accept(id, responder, fetched.getValue(), responder.equals(me), allowedSigners)) {
                    grown.add(responder);
                }
            } catch (RejectedLog e) {
                refused.add(new Refusal(responder, e.getMessage()));
            }
        }
        return new Received(grown, refused);
    }

    private boolean accept(String id, String responder, String tip, boolean mine, Path allowedSigners)
            throws TeamException {
        String ref = mine ? TeamRefs.shared(id, responder) : TeamRefs.accepted(id, responder);
        String current = repository.head(ref).orElse(null);
        if (tip.equals(current) || (mine && current != null && repository.isAncestor(tip, current))) {
            return false; // nothing new (for one's own log: the remote has not yet heard the latest push)
        }
        if (current != null && !repository.isAncestor(current, tip)) {
            throw new RejectedLog("its history was rewritten or force-pushed in the remote (" + abbrev(current)
                    + " is no longer in it); the log as accepted before is kept");
        }
        if (!Files.isRegularFile(allowedSigners)) {
            throw new RejectedLog("no allowed_signers file at " + allowedSigners + ", so no signature can be "
                    + "checked");
        }
        for (TeamRepository.Signature signature : repository.signatures(current, tip, allowedSigners)) {
            if (!signature.good()) {
                throw new RejectedLog("commit " + abbrev(signature.commit()) + " " + describe(signature)
                        + "; nothing of it was taken in");
            }
            if (!signature.signer().equals(responder)) {
                throw new RejectedLog("commit " + abbrev(signature.commit()) + " is signed by " + signature.signer()
                        + ", not by " + responder + ", whose log it is in; nothing of it was taken in");
            }
        }
        byte[] before = current == null ? new byte[0]
                : repository.file(current, TeamRefs.eventsFile(responder)).orElse(new byte[0]);
        byte[] after = repository.file(tip, TeamRefs.eventsFile(responder)).orElseThrow(
                () -> new RejectedLog("its commit " + abbrev(tip) + " has no " + TeamRefs.eventsFile(responder)));
        if (!startsWith(after, before)) {
            throw new RejectedLog("its events were changed or removed, not only appended to; nothing was taken in");
        }
        Timeline.Verification check = Timeline.verify(after);
        if (!check.intact()) {
            throw new RejectedLog("its hash chain is broken (" + check.problems().get(0) + "); nothing was taken in");
        }
        repository.moveRef(ref, tip, current);
        return true;
    }

    private static String describe(TeamRepository.Signature signature) {
        return switch (signature.status()) {
            case "N" -> "is not signed";
            case "B" -> "has a bad signature";
            case "U" -> "is signed by a key allowed_signers does not list";
            case "X", "Y" -> "is signed by an expired key";
            case "R" -> "is signed by a revoked key";
            default -> "has a signature that could not be checked against allowed_signers (" + signature.key() + ")";
        };
    }

    /** Each responder's accepted log (this responder's own: as published), by responder. */
    public Map<String, byte[]> logs(String id) throws TeamException {
        Map<String, byte[]> logs = new LinkedHashMap<>();
        for (String prefix : List.of(TeamRefs.ACCEPTED + TeamRefs.checkId(id) + "/", TeamRefs.SHARED + id + "/")) {
            for (Map.Entry<String, String> ref : repository.refs(prefix).entrySet()) {
                String responder = ref.getKey().substring(prefix.length());
                repository.file(ref.getValue(), TeamRefs.eventsFile(responder))
                        .ifPresent(bytes -> logs.put(responder, bytes));
            }
        }
        return logs;
    }

    /** The incident's {@code incident.json} as {@code responder} published it (or any, when null). */
    public Optional<byte[]> info(String id, String responder) throws TeamException {
        for (String prefix : List.of(TeamRefs.ACCEPTED + TeamRefs.checkId(id) + "/", TeamRefs.SHARED + id + "/")) {
            for (Map.Entry<String, String> ref : repository.refs(prefix).entrySet()) {
                if (responder == null || ref.getKey().equals(prefix + responder)) {
                    Optional<byte[]> info = repository.file(ref.getValue(), TeamRefs.INFO);
                    if (info.isPresent()) {
                        return info;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A responder's log in the remote as listed: their incident.json, where their events say the incident stands
     * (null when the log is too big to read for a listing), when they last committed.
     */
    public record ListedLog(String id, String responder, byte[] info, String state, java.time.Instant committed) {}

    /** Every incident's logs in the remote whose latest commit verifies, and what was skipped and why. */
    public record Survey(List<ListedLog> logs, List<String> skipped) {
        public Survey {
            logs = List.copyOf(logs);
            skipped = List.copyOf(skipped);
        }
    }

    /** Enough of incident.json for a title and a few fields; more is someone's mischief. */
    static final int INFO_MAX = 64 * 1024;
    /** A log bigger than this is listed without its state: listing never reads that much. */
    static final long EVENTS_MAX = 8L * 1024 * 1024;
    /** Logs read per git call, in bytes, so that a remote full of big logs is read a part at a time. */
    private static final long BATCH_BYTES = 32L * 1024 * 1024;
    /** Logs listed at most; a remote with more is told. */
    static final int LOGS_MAX = 5000;

    /**
     * Fetches every incident's refs (into a namespace of their own, apart from the logs taken in) and lists each
     * log whose latest commit is signed by a key allowed_signers lets sign as the responder the ref is named
     * after. Joining still checks the whole history of each log.
     */
    public Survey survey(String remote, Path allowedSigners) throws TeamException {
        repository.fetch(remote, TeamRefs.SHARED, TeamRefs.LISTED);
        List<String> skipped = new ArrayList<>();
        if (!Files.isRegularFile(allowedSigners)) {
            skipped.add("no allowed_signers file at " + allowedSigners + ", so no log can be checked: none is listed");
            return new Survey(List.of(), skipped);
        }
        Map<String, String> refs = repository.refs(TeamRefs.LISTED);
        List<String[]> named = new ArrayList<>(); // id, responder, tip
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            String[] parts = ref.getKey().substring(TeamRefs.LISTED.length()).split("/", -1);
            String shown = TeamRefs.SHARED + ref.getKey().substring(TeamRefs.LISTED.length());
            if (parts.length != 2 || !TeamRefs.isId(parts[0]) || !TeamRefs.isResponder(parts[1])) {
                skipped.add(shown + ": not an incident and responder Baton accepts; skipped");
            } else if (named.size() >= LOGS_MAX) {
                skipped.add("more than " + LOGS_MAX + " logs in the remote: the rest are not listed");
                break;
            } else {
                named.add(new String[] {parts[0], parts[1], ref.getValue()});
            }
        }
        Map<String, TeamRepository.Tip> tips = repository.tips(named.stream().map(n -> n[2]).distinct().toList(),
                allowedSigners);
        List<String[]> verified = new ArrayList<>();
        for (String[] log : named) {
            TeamRepository.Tip tip = tips.get(log[2]);
            String who = log[1] + "'s log of " + log[0];
            if (tip == null) {
                skipped.add(who + ": its latest commit could not be read; skipped");
            } else if (!tip.signature().good()) {
                skipped.add(who + ": its latest commit " + describe(tip.signature()) + "; skipped");
            } else if (!tip.signature().signer().equals(log[1])) {
                skipped.add(who + ": its latest commit is signed by " + tip.signature().signer() + ", not by "
                        + log[1] + "; skipped");
            } else {
                verified.add(log);
            }
        }
        List<String> objects = new ArrayList<>();
        for (String[] log : verified) {
            objects.add(log[2] + ":" + TeamRefs.INFO);
            objects.add(log[2] + ":" + TeamRefs.eventsFile(log[1]));
        }
        List<Long> sizes = repository.sizes(objects);
        List<String> wanted = new ArrayList<>();
        long batch = 0;
        Map<String, byte[]> read = new java.util.HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            long size = sizes.get(i);
            boolean info = i % 2 == 0;
            if (size < 0 || size > (info ? INFO_MAX : EVENTS_MAX)) {
                continue;
            }
            if (batch + size > BATCH_BYTES && !wanted.isEmpty()) {
                readInto(wanted, read);
                wanted.clear();
                batch = 0;
            }
            wanted.add(objects.get(i));
            batch += size;
        }
        readInto(wanted, read);
        List<ListedLog> logs = new ArrayList<>();
        for (int i = 0; i < verified.size(); i++) {
            String[] log = verified.get(i);
            byte[] info = read.get(objects.get(2 * i));
            if (info == null) {
                skipped.add(log[1] + "'s log of " + log[0] + ": its " + TeamRefs.INFO + (sizes.get(2 * i) < 0
                        ? " is missing" : " is larger than " + INFO_MAX / 1024 + " KiB") + "; skipped");
                continue;
            }
            byte[] events = read.get(objects.get(2 * i + 1));
            String state = events == null ? null : dev.baton.incident.IncidentListing.state(events);
            logs.add(new ListedLog(log[0], log[1], info, state, tips.get(log[2]).committed()));
        }
        return new Survey(logs, skipped);
    }

    private void readInto(List<String> objects, Map<String, byte[]> read) throws TeamException {
        List<byte[]> blobs = repository.blobs(objects);
        for (int i = 0; i < objects.size(); i++) {
            read.put(objects.get(i), blobs.get(i));
        }
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** How many complete lines (events) a log holds. */
    public static int lines(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }

    private static String abbrev(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    private static final class RejectedLog extends TeamException {
        RejectedLog(String message) {
            super(message);
        }
    }
}
