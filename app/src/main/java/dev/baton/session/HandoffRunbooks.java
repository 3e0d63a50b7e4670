package dev.baton.session;

import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleManifest;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookFileReader;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.RunbookReadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbooks a continued incident was handed over with. The bundle carries a copy of each runbook the sender
 * used; when the receiver's own library lacks one, that copy is opened in its place, so that its page, its steps
 * and each step's history (the sender's runs are recorded under the sender's runbook id) are all there. A
 * runbook the receiver has keeps the receiver's copy. The copies are untrusted: a name that could not have come
 * from a library, a file that is not where it should be or that does not read as a runbook is left out, said in
 * words.
 */
public final class HandoffRunbooks {
    /** How a runbook opened from the bundle is marked wherever it is listed or shown. */
    public static final String SENDER_COPY = "Sender's copy from the handoff bundle";
    private static final int MAX_ID_LENGTH = 1000;

    private HandoffRunbooks() {}

    /**
     * One runbook file the bundle carried.
     *
     * @param path         the runbook path the sender's library knew it by (its runbooks' ids start with it)
     * @param runbooks     the runbooks read from the copy, under the sender's ids
     * @param file         the copy, in the incident folder
     * @param sourceSha256 the sender's file before redaction, for telling whether the receiver's copy differs
     */
    public record Copy(String path, List<Runbook> runbooks, Path file, String sourceSha256) {
        public Copy {
            runbooks = List.copyOf(runbooks);
        }
    }

    /** The copies of a continued incident: who sent them, and those refused (in words). */
    public record Snapshots(String from, List<Copy> copies, List<String> refused) {
        public static final Snapshots NONE = new Snapshots("", List.of(), List.of());

        public Snapshots {
            copies = List.copyOf(copies);
            refused = List.copyOf(refused);
        }
    }

    /**
     * The library the receiver works with, and what each runbook's page says of where it came from.
     *
     * @param notices by runbook id: a copy from the bundle, or the receiver's own copy differing from the sender's
     */
    public record Library(RunbookLibrary library, Map<String, String> notices) {
        public Library {
            notices = Map.copyOf(notices);
        }

        public Optional<String> notice(String runbookId) {
            return Optional.ofNullable(notices.get(runbookId));
        }
    }

    /** The copies a continued incident's folder holds; {@link Snapshots#NONE} when it was not continued. */
    public static Snapshots read(Path incidentFolder) throws IOException {
        if (incidentFolder == null) {
            return Snapshots.NONE;
        }
        Optional<BundleManifest> manifest = BundleImporter.readManifest(incidentFolder);
        if (manifest.isEmpty()) {
            return Snapshots.NONE;
        }
        List<Copy> copies = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (BundleManifest.RunbookSnapshot snapshot : manifest.get().runbooks()) {
            List<String> ids = snapshot.ids() == null ? List.of() : snapshot.ids();
            Optional<String> path = ids.stream().filter(HandoffRunbooks::plausibleId).findFirst()
                    .map(HandoffRunbooks::pathOf);
            if (path.isEmpty()) {
                refused.add("A runbook in the handoff bundle was not opened: its name could not have come from a"
                        + " runbook library (" + shown(String.join(", ", ids)) + ").");
                continue;
            }
            Optional<Path> file = BundleImporter.snapshotFile(incidentFolder, snapshot);
            if (file.isEmpty()) {
                refused.add("The handoff bundle's copy of " + shown(path.get()) + " was not opened: its file name "
                        + shown(String.valueOf(snapshot.file())) + " is not one Baton accepts.");
                continue;
            }
            try {
                List<Runbook> runbooks = new RunbookParser().parse(path.get(), new RunbookFileReader().read(file.get()));
                copies.add(new Copy(path.get(), runbooks, file.get(), snapshot.sourceSha256()));
            } catch (RunbookReadException | RuntimeException e) {
                refused.add("The handoff bundle's copy of " + shown(path.get()) + " was not opened: "
                        + shown(String.valueOf(e.getMessage())));
            }
        }
        return new Snapshots(shown(String.valueOf(manifest.get().createdBy())), copies, refused);
    }

    /**
     * The receiver's library with every copy it lacks. Reads the receiver's own files of runbooks both have (to
     * tell whether they differ): call it off the window's thread.
     */
    public static Library apply(RunbookLibrary own, Snapshots snapshots) {
        if (own == null || snapshots.copies().isEmpty()) {
            return new Library(own, Map.of());
        }
        List<Runbook> extra = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, String> notices = new LinkedHashMap<>();
        String from = snapshots.from().isBlank() ? "the sender" : snapshots.from();
        for (Copy copy : snapshots.copies()) {
            for (Runbook runbook : copy.runbooks()) {
                Optional<Runbook> mine = own.find(runbook.id());
                if (mine.isEmpty()) {
                    extra.add(runbook);
                    files.putIfAbsent(copy.path(), copy.file());
                    notices.put(runbook.id(), SENDER_COPY + " (" + from + "): your library has no " + fileName(copy)
                            + ", so this is the copy " + from + " worked from. Its steps send and run as usual, with"
                            + " the usual confirmations.");
                } else if (differs(own, mine.get(), copy.sourceSha256())) {
                    notices.put(runbook.id(), "Your own copy of this runbook differs from the one " + from
                            + " used; the handoff bundle keeps theirs.");
                }
            }
        }
        return new Library(own.withRunbooks(extra, files, SENDER_COPY), notices);
    }

    private static String fileName(Copy copy) {
        return copy.path().substring(copy.path().lastIndexOf('/') + 1);
    }

    private static boolean differs(RunbookLibrary own, Runbook mine, String senderSha256) {
        if (senderSha256 == null || senderSha256.isBlank()) {
            return false;
        }
        Optional<Path> file = own.file(mine);
        if (file.isEmpty()) {
            return false;
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file.get()), sha256())) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return !HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest())
                    .equalsIgnoreCase(senderSha256);
        } catch (IOException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * A runbook id a library could have given: not blank, not over-long, no control or hidden characters, no
     * backslash and no {@code ..} segment (it is only ever shown and matched, but it names a file to the reader).
     */
    static boolean plausibleId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH || id.indexOf('\\') >= 0) {
            return false;
        }
        if (id.codePoints().anyMatch(c -> Character.isISOControl(c) || hidden(c))) {
            return false;
        }
        for (String segment : pathOf(id).split("/", -1)) {
            if (segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED;
    }

    /** The runbook path of an id ({@code path} or {@code path#anchor}). */
    static String pathOf(String id) {
        int hash = id.lastIndexOf('#');
        return hash < 0 ? id : id.substring(0, hash);
    }

    /** A value from the bundle as it may be shown: control and hidden characters replaced, length bounded. */
    private static String shown(String value) {
        String clean = value.codePoints().map(c -> Character.isISOControl(c) || hidden(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }
}
