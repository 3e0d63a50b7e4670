package dev.baton.handoff;

import dev.baton.ssh.SshSignature;
import dev.baton.incident.Timeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Opens a bundle only after checking all of it: the zip's own structure (no links, no unsafe or
 * duplicate names, no entries sharing bytes), a manifest of a known version, exactly the files it
 * lists, and each file's size and SHA-256 counted over the bytes actually inflated, with bounds on
 * entries, total bytes and compression ratio enforced while streaming. Nothing is written until the
 * whole bundle passed; extraction hashes again what it writes.
 */
public final class BundleReader {
    /**
     * Bounds a bundle must stay within.
     *
     * @param maxRatio inflated to compressed bytes, checked for entries beyond one MiB
     */
    public record Limits(int maxEntries, long maxTotalBytes, long maxRatio, int maxManifestBytes, long maxTimelineBytes) {
        public static final Limits DEFAULT = new Limits(20_000, 4L << 30, 250, 16 << 20, 256L << 20);
    }

    /**
     * A bundle that passed every check.
     *
     * @param signature what the signature says about who made it, or empty when unsigned
     */
    public record Verified(Path file, BundleManifest manifest, Optional<SshSignature.Verified> signature,
            long totalBytes) {
        public boolean signed() {
            return signature.isPresent();
        }
    }

    private BundleReader() {}

    public static Verified verify(Path bundle) throws BundleException {
        return verify(bundle, Limits.DEFAULT);
    }

    public static Verified verify(Path bundle, Limits limits) throws BundleException {
        try (ZipFile zip = open(bundle)) {
            Map<String, ZipArchiveEntry> entries = checkStructure(zip, bundle, limits);
            byte[] manifestBytes = readManifest(zip, entries, limits);
            BundleManifest manifest = parseManifest(manifestBytes);
            checkListing(manifest, entries);
            long total = 0;
            List<String> problems = new ArrayList<>();
            for (BundleManifest.FileEntry file : manifest.files()) {
                total += checkEntry(zip, entries.get(file.path()), file, limits, total, OutputStream.nullOutputStream(),
                        problems);
            }
            checkTimeline(zip, entries, manifest, limits, problems);
            if (!problems.isEmpty()) {
                throw new BundleException(problems);
            }
            return new Verified(bundle, manifest, checkSignature(zip, entries, manifestBytes, limits), total);
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(bundle.getFileName() + " could not be read: " + e.getMessage());
        }
    }

    /**
     * Writes a verified bundle's files into {@code folder} (which must be empty or absent), each where
     * {@code placement} puts it, hashing again exactly what is written. The caller removes the folder
     * when this throws.
     */
    public static void extract(Verified verified, Path folder, Function<String, String> placement) throws IOException {
        Files.createDirectories(folder);
        try (ZipFile zip = open(verified.file())) {
            Map<String, ZipArchiveEntry> entries = checkStructure(zip, verified.file(), Limits.DEFAULT);
            byte[] manifestBytes = readManifest(zip, entries, Limits.DEFAULT);
            if (!java.util.Arrays.equals(manifestBytes, verified.manifest().toJson())
                    && !BundleManifest.parse(manifestBytes).equals(verified.manifest())) {
                throw new BundleException(verified.file().getFileName() + " changed after it was verified");
            }
            long total = 0;
            for (BundleManifest.FileEntry file : verified.manifest().files()) {
                Path target = resolveInside(folder, placement.apply(file.path()));
                Files.createDirectories(target.getParent());
                List<String> problems = new ArrayList<>();
                try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
                    total += checkEntry(zip, entries.get(file.path()), file, Limits.DEFAULT, total, out, problems);
                }
                if (!problems.isEmpty()) {
                    throw new BundleException(problems);
                }
            }
            writeRaw(folder, placement.apply(BundleManifest.FILE), manifestBytes);
            ZipArchiveEntry signature = entries.get(BundleManifest.SIGNATURE_FILE);
            if (signature != null) {
                writeRaw(folder, placement.apply(BundleManifest.SIGNATURE_FILE),
                        readBounded(zip, signature, 64 * 1024, BundleManifest.SIGNATURE_FILE));
            }
        }
    }

    /** The handoff note of a verified bundle, checked against its hash again, to show before importing. */
    public static String note(Verified verified) throws IOException {
        BundleManifest.FileEntry entry = verified.manifest().files().stream()
                .filter(f -> f.path().equals(BundleWriter.NOTE_FILE)).findFirst().orElse(null);
        if (entry == null) {
            return "";
        }
        try (ZipFile zip = open(verified.file())) {
            Map<String, ZipArchiveEntry> entries = checkStructure(zip, verified.file(), Limits.DEFAULT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> problems = new ArrayList<>();
            checkEntry(zip, entries.get(entry.path()), entry, Limits.DEFAULT, 0, out, problems);
            if (!problems.isEmpty()) {
                throw new BundleException(problems);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void writeRaw(Path folder, String name, byte[] bytes) throws IOException {
        Path target = resolveInside(folder, name);
        Files.createDirectories(target.getParent());
        Files.write(target, bytes, java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    private static Path resolveInside(Path folder, String name) throws BundleException {
        Path target = folder.resolve(name).normalize();
        if (!target.startsWith(folder.normalize()) || target.equals(folder.normalize())) {
            throw new BundleException(name + " would be written outside the incident folder");
        }
        return target;
    }

    private static ZipFile open(Path bundle) throws BundleException {
        if (!Files.isRegularFile(bundle)) {
            throw new BundleException(bundle + " is not a file");
        }
        try {
            return ZipFile.builder().setPath(bundle).get();
        } catch (IOException | RuntimeException e) {
            throw new BundleException(bundle.getFileName() + " is not a complete Baton bundle: its zip directory "
                    + "is missing or damaged (was the file cut short in transfer?) — " + e.getMessage());
        }
    }

    private static Map<String, ZipArchiveEntry> checkStructure(ZipFile zip, Path bundle, Limits limits)
            throws BundleException {
        List<ZipArchiveEntry> all = Collections.list(zip.getEntriesInPhysicalOrder());
        if (all.size() > limits.maxEntries()) {
            throw new BundleException(bundle.getFileName() + " holds " + all.size() + " files; a bundle may hold at most "
                    + limits.maxEntries());
        }
        Map<String, ZipArchiveEntry> byName = new LinkedHashMap<>();
        Set<String> folded = new HashSet<>();
        for (ZipArchiveEntry entry : all) {
            String name = entry.getName();
            // The raw name too: the zip reader turns some backslashes into slashes before we see them.
            String raw = entry.getRawName() == null ? name : new String(entry.getRawName(), StandardCharsets.UTF_8);
            String problem = BundlePaths.problem(raw.indexOf('\\') >= 0 ? raw : name);
            if (problem != null) {
                throw new BundleException("refused: the entry \"" + printable(name) + "\" " + problem);
            }
            if (entry.isUnixSymlink()) {
                throw new BundleException("refused: " + name + " is a symbolic link; a bundle holds plain files only");
            }
            if (entry.isDirectory()) {
                throw new BundleException("refused: " + name + " is a directory entry; a bundle holds plain files only");
            }
            if (byName.putIfAbsent(name, entry) != null || !folded.add(name.toLowerCase(Locale.ROOT))) {
                throw new BundleException("refused: the name " + name + " appears more than once");
            }
        }
        List<ZipArchiveEntry> byOffset = new ArrayList<>(all);
        byOffset.sort(Comparator.comparingLong(ZipArchiveEntry::getLocalHeaderOffset));
        for (int i = 1; i < byOffset.size(); i++) {
            ZipArchiveEntry before = byOffset.get(i - 1);
            long end = before.getDataOffset() + before.getCompressedSize();
            if (before.getDataOffset() < 0 || end > byOffset.get(i).getLocalHeaderOffset()) {
                throw new BundleException("refused: the entries " + before.getName() + " and "
                        + byOffset.get(i).getName() + " share their bytes (an overlapping-file zip bomb)");
            }
        }
        return byName;
    }

    private static byte[] readManifest(ZipFile zip, Map<String, ZipArchiveEntry> entries, Limits limits)
            throws IOException {
        ZipArchiveEntry entry = entries.get(BundleManifest.FILE);
        if (entry == null) {
            throw new BundleException("not a Baton bundle: it has no manifest.json");
        }
        return readBounded(zip, entry, limits.maxManifestBytes(), BundleManifest.FILE);
    }

    private static byte[] readBounded(ZipFile zip, ZipArchiveEntry entry, long max, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > max) {
                    throw new BundleException("refused: " + what + " inflates beyond " + max + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private static BundleManifest parseManifest(byte[] bytes) throws BundleException {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = BundleManifest.json().readTree(bytes);
        } catch (IOException e) {
            throw new BundleException("the manifest is not valid JSON: " + e.getMessage());
        }
        if (node == null || !BundleManifest.FORMAT.equals(node.path("format").asText())) {
            throw new BundleException("not a Baton handoff bundle: the manifest's format is not \""
                    + BundleManifest.FORMAT + "\"");
        }
        int version = node.path("version").asInt(-1);
        if (version != BundleManifest.VERSION) {
            throw new BundleException("unknown bundle version " + node.path("version").asText() + ": this Baton reads version "
                    + BundleManifest.VERSION + (version > BundleManifest.VERSION ? "; the bundle was made by a newer Baton" : ""));
        }
        try {
            BundleManifest manifest = BundleManifest.json().treeToValue(node, BundleManifest.class);
            if (manifest.incident() == null || manifest.timeline() == null || manifest.createdAt() == null) {
                throw new BundleException("the manifest lacks the incident, its timeline head or its creation time");
            }
            manifest.createdInstant();
            return manifest;
        } catch (IOException | RuntimeException e) {
            throw new BundleException("the manifest does not read as a version " + BundleManifest.VERSION
                    + " manifest: " + e.getMessage());
        }
    }

    private static void checkListing(BundleManifest manifest, Map<String, ZipArchiveEntry> entries)
            throws BundleException {
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (BundleManifest.FileEntry file : manifest.files()) {
            String problem = file.path() == null ? "has no name" : BundlePaths.problem(file.path());
            if (problem != null) {
                problems.add("the manifest lists a file that " + problem);
            } else if (!listed.add(file.path())) {
                problems.add("the manifest lists " + file.path() + " twice");
            } else if (!entries.containsKey(file.path())) {
                problems.add(file.path() + " is listed in the manifest but missing from the bundle");
            } else if (file.path().equals(BundleManifest.FILE) || file.path().equals(BundleManifest.SIGNATURE_FILE)) {
                problems.add("the manifest lists " + file.path() + ", which it cannot");
            }
        }
        for (String name : entries.keySet()) {
            if (!listed.contains(name) && !name.equals(BundleManifest.FILE) && !name.equals(BundleManifest.SIGNATURE_FILE)) {
                problems.add(name + " is in the bundle but not in its manifest (added after export?)");
            }
        }
        if (!listed.contains("timeline.jsonl") || !listed.contains("incident.json")) {
            problems.add("the bundle has no timeline.jsonl or incident.json");
        }
        if (!problems.isEmpty()) {
            throw new BundleException(problems);
        }
    }

    /** Streams one entry into {@code out}, counting and hashing; returns the bytes read. */
    private static long checkEntry(ZipFile zip, ZipArchiveEntry entry, BundleManifest.FileEntry expected, Limits limits,
            long totalSoFar, OutputStream out, List<String> problems) throws IOException {
        MessageDigest digest = BundleWriter.digest();
        long count = 0;
        long compressed = Math.max(1, entry.getCompressedSize());
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                count += n;
                if (count > expected.size()) {
                    throw new BundleException("refused: " + expected.path() + " inflates beyond the " + expected.size()
                            + " bytes its manifest states (a zip bomb, or a changed file)");
                }
                if (totalSoFar + count > limits.maxTotalBytes()) {
                    throw new BundleException("refused: the bundle inflates beyond " + limits.maxTotalBytes() + " bytes");
                }
                if (count > (1 << 20) && count / compressed > limits.maxRatio()) {
                    throw new BundleException("refused: " + expected.path() + " inflates more than " + limits.maxRatio()
                            + " times its compressed size (a zip bomb)");
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BundleException(expected.path() + " is damaged in the zip: " + e.getMessage());
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (count != expected.size() || !actual.equalsIgnoreCase(expected.sha256())) {
            problems.add(expected.path() + " was changed after export: its "
                    + (count != expected.size() ? "size (" + count + " bytes, manifest says " + expected.size() + ")"
                            : "SHA-256") + " does not match the manifest");
        }
        return count;
    }

    private static void checkTimeline(ZipFile zip, Map<String, ZipArchiveEntry> entries, BundleManifest manifest,
            Limits limits, List<String> problems) throws IOException {
        if (!problems.isEmpty()) {
            return;
        }
        byte[] timeline = readBounded(zip, entries.get("timeline.jsonl"), limits.maxTimelineBytes(), "timeline.jsonl");
        Timeline.Verification check = Timeline.verify(timeline);
        check.problems().forEach(p -> problems.add("timeline.jsonl " + p));
        if (!check.headHash().equals(manifest.timeline().headHash()) || check.events() != manifest.timeline().events()) {
            problems.add("timeline.jsonl ends at a different event than the manifest records");
        }
    }

    private static Optional<SshSignature.Verified> checkSignature(ZipFile zip, Map<String, ZipArchiveEntry> entries,
            byte[] manifest, Limits limits) throws IOException {
        ZipArchiveEntry entry = entries.get(BundleManifest.SIGNATURE_FILE);
        if (entry == null) {
            return Optional.empty();
        }
        String armored = new String(readBounded(zip, entry, 64 * 1024, BundleManifest.SIGNATURE_FILE),
                StandardCharsets.US_ASCII);
        try {
            return Optional.of(SshSignature.verify(manifest, BundleManifest.SIGNATURE_NAMESPACE, armored));
        } catch (SshSignature.BadSignatureException e) {
            throw new BundleException("the manifest's signature does not verify: " + e.getMessage());
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
