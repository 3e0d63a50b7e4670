package dev.baton.runbook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Resolves links between runbooks against the files of the library and the disk beside them. */
final class LinkResolver {
    private final Map<String, Path> files;
    private final Map<Path, String> pathsByFile = new HashMap<>();
    private final Map<String, Set<String>> anchorsByPath = new HashMap<>();
    private final Map<String, Set<String>> runbookAnchorsByPath = new HashMap<>();

    LinkResolver(List<Runbook> runbooks, Map<String, Path> files) {
        this.files = files;
        files.forEach((display, file) -> pathsByFile.put(file, display));
        for (Runbook runbook : runbooks) {
            Set<String> anchors = anchorsByPath.computeIfAbsent(runbook.path(), p -> new HashSet<>());
            addSlugs(runbook.sections(), anchors);
            if (!runbook.anchor().isEmpty()) {
                anchors.add(runbook.anchor());
                runbookAnchorsByPath.computeIfAbsent(runbook.path(), p -> new HashSet<>()).add(runbook.anchor());
            }
        }
    }

    private static void addSlugs(List<Section> sections, Set<String> into) {
        for (Section section : sections) {
            into.add(HeadingSlug.of(section.title()));
            addSlugs(section.children(), into);
        }
    }

    LinkTarget resolve(Runbook from, String target) {
        if (target == null || target.isBlank()) {
            return LinkTarget.broken("empty link");
        }
        if (new RunbookLink(target, "", 0).isExternal()) {
            return new LinkTarget(LinkTarget.Kind.EXTERNAL, "", "");
        }
        int hash = target.indexOf('#');
        String filePart = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? "" : decode(target.substring(hash + 1));
        int query = filePart.indexOf('?');
        if (query >= 0) {
            filePart = filePart.substring(0, query);
        }
        if (filePart.isEmpty()) {
            return anchorIn(from.path(), fragment, LinkTarget.Kind.ANCHOR);
        }
        Path base = files.get(from.path());
        if (base == null) {
            return LinkTarget.broken("the linking runbook has no file");
        }
        Path resolved;
        try {
            resolved = base.resolveSibling(decode(filePart)).normalize();
        } catch (InvalidPathException e) {
            return LinkTarget.broken("not a valid path: " + filePart);
        }
        String display = pathsByFile.get(resolved);
        if (display != null) {
            return fragment.isEmpty() ? new LinkTarget(LinkTarget.Kind.RUNBOOK, display, "")
                    : anchorIn(display, fragment, LinkTarget.Kind.RUNBOOK);
        }
        if (Files.exists(resolved)) {
            return new LinkTarget(LinkTarget.Kind.FILE, "", "");
        }
        return LinkTarget.broken("no such file: " + filePart);
    }

    private LinkTarget anchorIn(String path, String fragment, LinkTarget.Kind kind) {
        if (fragment.isEmpty()) {
            return new LinkTarget(kind, path, "");
        }
        if (!anchorsByPath.getOrDefault(path, Set.of()).contains(fragment)) {
            return LinkTarget.broken("no heading #" + fragment + " in " + path);
        }
        boolean ownRunbook = runbookAnchorsByPath.getOrDefault(path, Set.of()).contains(fragment);
        return new LinkTarget(kind, ownRunbook ? path + "#" + fragment : path, "");
    }

    /** The runbook file a plain target such as "node-down.md" names, relative to {@code from}. */
    String runbookPath(Runbook from, String target) {
        LinkTarget link = resolve(from, target);
        return link.kind() == LinkTarget.Kind.RUNBOOK ? link.runbookId() : null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
