package dev.baton.handoff;

import dev.baton.incident.IncidentEvent;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Continues an incident from a bundle: verified whole first, then written into a staging folder beside
 * the incidents and moved into place only when every file arrived with its hash. The incident opens as
 * the last responder left it (notes, timeline, captures, ticks, variables), and the import is its own
 * timeline event. What only the handoff carries (note, state, runbook snapshots, summary, manifest) is
 * kept under {@code handoff/} in the incident folder.
 */
public final class BundleImporter {
    static final String HANDOFF_FOLDER = "handoff/";
    private static final Set<String> INCIDENT_FILES = Set.of("incident.json", "notes.md", "timeline.jsonl");

    /** An incident continued from a bundle, with where the last responder stood. */
    public record Imported(OpenIncident incident, BundleReader.Verified bundle, HandoffState state, String note) {}

    private BundleImporter() {}

    public static Imported importBundle(Path bundle, IncidentStore store) throws IOException {
        return importVerified(BundleReader.verify(bundle), store);
    }

    public static Imported importVerified(BundleReader.Verified verified, IncidentStore store) throws IOException {
        Path staging = store.newStagingFolder();
        String id;
        try {
            BundleReader.extract(verified, staging, BundleImporter::placement);
            readable(staging);
            id = store.adopt(staging, verified.manifest().incident().id());
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            throw e;
        }
        OpenIncident incident = store.open(id);
        Path folder = incident.folder();
        HandoffState state = readState(folder);
        String note = Files.readString(folder.resolve(placement(BundleWriter.NOTE_FILE)));
        BundleManifest manifest = verified.manifest();
        incident.handoff(new IncidentEvent.HandoffImported(verified.file().getFileName().toString(),
                BundleWriter.sha256(verified.file()), manifest.createdBy(), manifest.createdAt(),
                manifest.timeline().headHash(), manifest.redactions().size(), verified.signed(),
                verified.signature().map(s -> s.fingerprint()).orElse(null), note.isBlank() ? null : note));
        return new Imported(incident, verified, state, note);
    }

    /** Its hashes match, but the sender may have written nonsense: it must open before it is moved in. */
    private static void readable(Path staging) throws BundleException {
        try {
            IncidentStore.readInfo(staging);
            readState(staging);
        } catch (IOException | RuntimeException e) {
            throw new BundleException("the bundle's incident.json or state.json cannot be read: " + e.getMessage());
        }
    }

    /** Where a bundle file goes in the incident folder. */
    static String placement(String name) {
        boolean incidentFile = INCIDENT_FILES.contains(name) || name.startsWith("captures/")
                || name.startsWith("recordings/");
        return incidentFile ? name : HANDOFF_FOLDER + name;
    }

    /** The state an imported incident was handed over in; empty when the folder has none. */
    public static HandoffState readState(Path incidentFolder) throws IOException {
        Path file = incidentFolder.resolve(placement(BundleWriter.STATE_FILE));
        if (!Files.isRegularFile(file)) {
            return new HandoffState(null, null, null, null);
        }
        return BundleManifest.json().readValue(file.toFile(), HandoffState.class);
    }

    /** The manifest of the bundle an incident was continued from; empty when the folder has none. */
    public static java.util.Optional<BundleManifest> readManifest(Path incidentFolder) throws IOException {
        Path file = incidentFolder.resolve(placement(BundleManifest.FILE));
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(BundleManifest.parse(Files.readAllBytes(file)));
    }

    /**
     * Where a runbook snapshot the manifest names was placed in the incident folder: only a safe name under
     * {@code runbooks/}, only a regular file inside the folder's {@code handoff/runbooks/}. Empty otherwise.
     */
    public static java.util.Optional<Path> snapshotFile(Path incidentFolder, BundleManifest.RunbookSnapshot snapshot) {
        String name = snapshot.file();
        if (name == null || !name.startsWith(BundleWriter.RUNBOOKS) || !BundlePaths.isSafe(name)) {
            return java.util.Optional.empty();
        }
        Path within = incidentFolder.resolve(HANDOFF_FOLDER + BundleWriter.RUNBOOKS).toAbsolutePath().normalize();
        Path file = incidentFolder.resolve(placement(name)).toAbsolutePath().normalize();
        return file.startsWith(within) && Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
