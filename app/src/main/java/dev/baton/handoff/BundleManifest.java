package dev.baton.handoff;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.incident.IncidentInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}: what a bundle holds and how to check it. Every file but the manifest and its
 * signature is listed with its size and SHA-256; the manifest names what was redacted by kind and place,
 * never by value.
 */
public record BundleManifest(
        String format,
        int version,
        String app,
        String createdBy,
        String createdAt,
        Incident incident,
        TimelineHead timeline,
        List<RunbookSnapshot> runbooks,
        List<FileEntry> files,
        List<Redaction> redactions,
        List<Redaction> kept) {

    public static final String FORMAT = "baton-handoff";
    public static final int VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String SIGNATURE_FILE = "manifest.json.sig";
    /** The namespace of manifest signatures, as {@code ssh-keygen -Y verify -n} takes it. */
    public static final String SIGNATURE_NAMESPACE = "baton-handoff";

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public BundleManifest {
        runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
        files = files == null ? List.of() : List.copyOf(files);
        redactions = redactions == null ? List.of() : List.copyOf(redactions);
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    public record Incident(String id, String title, String severity, String alert, String startedAt,
            String responder) {
        static Incident of(IncidentInfo info) {
            return new Incident(info.id(), info.title(), info.severity(), info.alert(), info.startedAt().toString(),
                    info.responder());
        }
    }

    /**
     * @param headHash SHA-256 of the bundle's last timeline line
     * @param sourceHeadHash the same for the incident's own timeline; differs when redaction rebuilt the chain
     */
    public record TimelineHead(long events, String headHash, String sourceHeadHash) {}

    /** A runbook used during the incident, as it was; {@code sourceSha256} is of the file before redaction. */
    public record RunbookSnapshot(List<String> ids, String title, String file, String sourceSha256) {}

    public record FileEntry(String path, long size, String sha256) {}

    public record Redaction(String kind, String file, long line, String field, int column) {
        static Redaction of(Redactor.Finding finding) {
            return new Redaction(finding.kind(), finding.file(), finding.line(), finding.field(), finding.column());
        }
    }

    public Instant createdInstant() {
        return Instant.parse(createdAt);
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    static BundleManifest parse(byte[] json) throws IOException {
        return JSON.readValue(json, BundleManifest.class);
    }

    static ObjectMapper json() {
        return JSON;
    }
}
