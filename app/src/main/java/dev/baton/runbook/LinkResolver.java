package dev.baton.runbook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Resolves links between runbooks against the files of the library and the disk beside them. */
final class LinkResolver {
    // Compiled once: these run for every word, step, link or hit.
    private static final java.util.regex.Pattern TRAILING_SLASHES = java.util.regex.Pattern.compile("/+$");

    private final Map<String, Path> files;
    private final Map<Path, String> pathsByFile = new HashMap<>();
    private final Map<String, List<Runbook>> runbooksByPath = new HashMap<>();
    /** A file's anchors, worked out when a link first points into it: most files are never linked to. */
    private final Map<String, Set<String>> anchorsByPath = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> runbookAnchorsByPath = new HashMap<>();

    LinkResolver(List<Runbook> runbooks, Map<String, Path> files) {
        this.files = files;
        files.forEach((display, file) -> pathsByFile.put(file, display));
        for (Runbook runbook : runbooks) {
            runbooksByPath.computeIfAbsent(runbook.path(), p -> new ArrayList<>()).add(runbook);
            if (!runbook.anchor().isEmpty()) {
                runbookAnchorsByPath.computeIfAbsent(runbook.path(), p -> new HashSet<>()).add(runbook.anchor());
            }
        }
    }

    private Set<String> anchors(String path) {
        return anchorsByPath.computeIfAbsent(path, p -> {
            Set<String> anchors = new HashSet<>();
            for (Runbook runbook : runbooksByPath.getOrDefault(p, List.of())) {
                addSlugs(runbook.sections(), anchors);
                if (!runbook.anchor().isEmpty()) {
                    anchors.add(runbook.anchor());
                }
            }
            return anchors;
        });
    }

    private static void addSlugs(List<Section> sections, Set<String> into) {
        addSlugs(sections, into, new HashMap<>());
    }

    /** Baton's own slug, and GitHub's and GitLab's, a repeated heading's with -1, -2… as the forges number them. */
    private static void addSlugs(List<Section> sections, Set<String> into, Map<String, Integer> seen) {
        for (Section section : sections) {
            into.add(HeadingSlug.of(section.title()));
            for (String slug : HeadingSlug.forgeSlugs(section.title())) {
                int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                into.add(repeat == 0 ? slug : slug + "-" + repeat);
            }
            addSlugs(section.children(), into, seen);
        }
    }

    LinkTarget resolve(Runbook from, String target) {
        if (target == null || target.isBlank()) {
            return LinkTarget.broken("empty link");
        }
        if (new RunbookLink(target, "", 0).isExternal()) {
            return new LinkTarget(LinkTarget.Kind.EXTERNAL, "", "");
        }
        java.util.regex.Matcher shortcode = HUGO_REF.matcher(target.strip());
        if (shortcode.matches()) {
            target = shortcode.group(1); // Hugo's {{< ref "x.md" >}} names the file it links to
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
        String display = libraryFile(base, resolved, filePart);
        if (display != null) {
            return fragment.isEmpty() ? new LinkTarget(LinkTarget.Kind.RUNBOOK, display, "")
                    : anchorIn(display, fragment, LinkTarget.Kind.RUNBOOK);
        }
        if (Files.exists(resolved)) {
            return new LinkTarget(LinkTarget.Kind.FILE, "", "");
        }
        return LinkTarget.broken("no such file: " + filePart);
    }

    /** The library file (display path) that {@code resolved}, or the page {@code filePart} names from {@code base}, is. */
    private String libraryFile(Path base, Path resolved, String filePart) {
        String display = pathsByFile.get(resolved);
        if (display == null) {
            Path page = pageFile(base, decode(filePart));
            if (page != null) {
                display = pathsByFile.get(page);
            }
        }
        return display;
    }

    /**
     * The library file (display path) a link from {@code from} leads into, whatever its fragment names; null for a
     * link within {@code from}'s own file, out of the library, or broken. Knows the files alone: it needs none of
     * the runbooks but {@code from}.
     */
    String targetFile(Runbook from, String target) {
        if (target == null || target.isBlank() || new RunbookLink(target, "", 0).isExternal()) {
            return null;
        }
        java.util.regex.Matcher shortcode = HUGO_REF.matcher(target.strip());
        if (shortcode.matches()) {
            target = shortcode.group(1);
        }
        int hash = target.indexOf('#');
        String filePart = hash < 0 ? target : target.substring(0, hash);
        int query = filePart.indexOf('?');
        if (query >= 0) {
            filePart = filePart.substring(0, query);
        }
        Path base = files.get(from.path());
        if (filePart.isEmpty() || base == null) {
            return null;
        }
        try {
            return libraryFile(base, base.resolveSibling(decode(filePart)).normalize(), filePart);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern HUGO_REF =
            java.util.regex.Pattern.compile("\\{\\{[<%]\\s*(?:rel)?ref\\s+\"?([^\"\\s]+?)\"?\\s*[>%]}}");
    private static final List<String> PAGE_SUFFIXES = List.of("", ".md", "/index.md", "/_index.md", "/README.md");

    /**
     * The runbook file a static-site link means: {@code /docs/add-runbook} is {@code content/docs/add-runbook.md}
     * (or its {@code index.md}) somewhere in the library, and a page's relative link {@code ../other/}
     * starts from the page's own URL, one level below its file.
     */
    private Path pageFile(Path base, String link) {
        String trimmed = TRAILING_SLASHES.matcher(link).replaceAll("");
        if (link.startsWith("/")) {
            if (trimmed.isEmpty()) {
                return null;
            }
            for (String suffix : PAGE_SUFFIXES) {
                String wanted = (trimmed + suffix).replace('\\', '/');
                for (Path file : pathsByFile.keySet()) {
                    if (file.toString().replace('\\', '/').endsWith(wanted)) {
                        return file;
                    }
                }
            }
            return null;
        }
        String name = base.getFileName().toString();
        Path pageDir = base.resolveSibling(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name);
        for (Path from : List.of(base.getParent(), pageDir)) {
            for (String suffix : PAGE_SUFFIXES) {
                try {
                    Path candidate = from.resolve(trimmed + suffix).normalize();
                    if (pathsByFile.containsKey(candidate)) {
                        return candidate;
                    }
                } catch (InvalidPathException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private LinkTarget anchorIn(String path, String fragment, LinkTarget.Kind kind) {
        if (fragment.isEmpty()) {
            return new LinkTarget(kind, path, "");
        }
        if (!anchors(path).contains(fragment)) {
            // GitHub lower-cases the fragment it is given before it looks for the heading: #Disk-Space works.
            String lower = fragment.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals(fragment) || !anchors(path).contains(lower)) {
                return LinkTarget.broken("no heading #" + fragment + " in " + path);
            }
            fragment = lower;
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
