package dev.baton.runbook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Prometheus convention, read locally: an alert's {@code runbook_url} names a page of a published
 * runbook site or repository; a {@link RunbookUrlMapping} says which folder holds that site's Markdown, the
 * rest of the URL's path names the file (by its path, else by its last segment) and its anchor the heading.
 */
final class RunbookUrls {
    private final List<Runbook> runbooks;
    private final Map<String, Path> files;

    RunbookUrls(List<Runbook> runbooks, Map<String, Path> files) {
        this.runbooks = runbooks;
        this.files = files;
    }

    Optional<AlertMatch> find(String alertName, String url, List<RunbookUrlMapping> mappings) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String wanted = url.strip();
        Optional<RunbookUrlMapping> mapping = mappings.stream()
                .filter(m -> wanted.toLowerCase(Locale.ROOT).startsWith(m.prefix().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(m -> m.prefix().length()));
        if (mapping.isEmpty()) {
            return Optional.empty();
        }
        String rest = wanted.substring(mapping.get().prefix().length());
        String anchor = "";
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            anchor = decode(rest.substring(hash + 1));
            rest = rest.substring(0, hash);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : decode(rest).split("/")) {
            if (!segment.isBlank() && !segment.equals(".")) {
                segments.add(bare(withoutExtensions(segment)));
            }
        }
        Path folder = mapping.get().folder();
        List<Runbook> under = runbooks.stream().filter(r -> file(r).map(f -> f.startsWith(folder)).orElse(false)).toList();
        List<Runbook> inFile = byPath(under, folder, segments);
        if (inFile.isEmpty() && !segments.isEmpty()) {
            String last = segments.get(segments.size() - 1);
            inFile = under.stream().filter(r -> bare(withoutExtensions(file(r).orElseThrow().getFileName().toString()))
                    .equals(last)).toList();
        }
        if (inFile.isEmpty() && segments.isEmpty()) {
            inFile = under;
        }
        String target = wanted;
        if (!anchor.isEmpty()) {
            for (Runbook runbook : inFile) {
                if (runbook.anchor().equalsIgnoreCase(anchor)) {
                    return Optional.of(match(alertName, runbook, target));
                }
                Optional<Section> heading = heading(runbook.sections(), anchor);
                if (heading.isPresent()) {
                    return Optional.of(match(alertName, runbook, target).at(heading.get()));
                }
            }
        }
        // The file's own runbook first: a file of several "Runbook:" sections lists it first.
        return inFile.stream().findFirst().map(r -> match(alertName, r, target));
    }

    private static AlertMatch match(String alertName, Runbook runbook, String url) {
        return new AlertMatch(alertName, Optional.of(runbook), url, runbook.severityOf(alertName), "runbook_url " + url);
    }

    /** Runbooks whose file, relative to the folder and without extensions, is the URL's path. */
    private List<Runbook> byPath(List<Runbook> under, Path folder, List<String> segments) {
        List<Runbook> found = new ArrayList<>();
        for (Runbook runbook : under) {
            Path relative = folder.relativize(file(runbook).orElseThrow());
            List<String> parts = new ArrayList<>();
            relative.forEach(p -> parts.add(bare(withoutExtensions(p.toString()))));
            if (parts.equals(segments)) {
                found.add(runbook);
            } else if (parts.size() == segments.size() + 1 && parts.subList(0, segments.size()).equals(segments)
                    && List.of("index", "readme").contains(parts.get(parts.size() - 1))) {
                found.add(runbook); // a page's folder: Hugo's _index.md, a repository's README.md
            }
        }
        return found;
    }

    private Optional<Path> file(Runbook runbook) {
        return Optional.ofNullable(files.get(runbook.path()));
    }

    private static Optional<Section> heading(List<Section> sections, String anchor) {
        for (Section section : sections) {
            if (HeadingSlug.forgeSlugs(section.title()).contains(anchor.toLowerCase(Locale.ROOT))
                    || HeadingSlug.of(section.title()).equals(anchor.toLowerCase(Locale.ROOT))) {
                return Optional.of(section);
            }
            Optional<Section> nested = heading(section.children(), anchor);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    /** {@code kube-pod-crash-looping.html.md} and {@code KubePodCrashLooping.md} are one page. */
    private static String withoutExtensions(String name) {
        String n = name;
        for (String extension : List.of(".md", ".markdown", ".txt", ".html", ".htm")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(extension)) {
                n = n.substring(0, n.length() - extension.length());
            }
        }
        return n;
    }

    private static String bare(String name) {
        return AlertHeadings.key(name);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
