package dev.baton.runbook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The front matter of a runbook, read with a real parser: YAML between {@code ---} lines (Jekyll, MkDocs,
 * Docusaurus) or TOML between {@code +++} lines (Hugo). Keys are lower-cased; a list gives one value per
 * item, a scalar one value, and a nested map's scalars are reached by a dotted key ({@code labels.severity}).
 */
record FrontMatter(Map<String, List<String>> values) {
    static final FrontMatter NONE = new FrontMatter(Map.of());

    /** Larger than any front matter; a bigger block is a mistake, and is not parsed. */
    private static final int MAX_CHARS = 64 * 1024;
    /** Made on first use: a library whose front matter is all plain ({@link PlainFrontMatter}) never loads them. */
    private static final class Mappers {
        static final ObjectMapper YAML = new YAMLMapper();
        static final ObjectMapper TOML = new TomlMapper();
    }

    /**
     * A file split into its front matter and its Markdown.
     *
     * @param markdown the text with the front matter's lines left empty, so line numbers stay those of the file
     * @param problem  why the front matter could not be read, at its line; null when it could (or there is none)
     */
    record Split(FrontMatter frontMatter, String markdown, Notice problem) {}

    FrontMatter {
        values = Map.copyOf(values);
    }

    static Split split(String text) {
        return split(text, true);
    }

    /** {@code plainFirst} false: every front matter through the YAML parser, as before {@link PlainFrontMatter}; for tests. */
    static Split split(String text, boolean plainFirst) {
        String fence;
        if (text.startsWith("---\n")) {
            fence = "---";
        } else if (text.startsWith("+++\n")) {
            fence = "+++";
        } else {
            return new Split(NONE, text, null);
        }
        int close = -1;
        int closeEnd = -1;
        int pos = 4;
        while (pos <= text.length()) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? text.length() : eol;
            String line = text.substring(pos, lineEnd).stripTrailing();
            if (line.equals(fence) || fence.equals("---") && line.equals("...")) {
                close = pos;
                closeEnd = lineEnd;
                break;
            }
            if (eol < 0) {
                break;
            }
            pos = eol + 1;
        }
        if (close < 0) {
            return new Split(NONE, text, null); // no closing line: a thematic break, not front matter
        }
        String body = text.substring(4, close);
        String markdown = "\n".repeat((int) text.substring(0, closeEnd).chars().filter(c -> c == '\n').count())
                + text.substring(closeEnd);
        if (body.length() > MAX_CHARS) {
            return new Split(NONE, markdown, new Notice(1, "front matter is larger than " + MAX_CHARS / 1024
                    + " KB; not read"));
        }
        boolean toml = fence.equals("+++");
        Map<String, List<String>> plain = toml || !plainFirst ? null : PlainFrontMatter.read(body);
        if (plain != null) {
            return new Split(new FrontMatter(plain), markdown, null);
        }
        try {
            JsonNode tree = (toml ? Mappers.TOML : Mappers.YAML).readTree(body);
            if (tree != null && !tree.isNull() && !tree.isMissingNode() && !tree.isObject()) {
                return new Split(NONE, markdown, new Notice(2, "front matter is not a map of keys to values"));
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (tree != null) {
                flatten("", tree, values);
            }
            return new Split(new FrontMatter(values), markdown, null);
        } catch (JacksonException e) {
            if (body.contains("{{")) {
                return new Split(NONE, markdown, null); // a template (a Hugo archetype): filled in before it is YAML
            }
            JsonLocation at = e.getLocation();
            int line = 1 + (at != null && at.getLineNr() > 0 ? at.getLineNr() : 1);
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").strip();
            return new Split(NONE, markdown, new Notice(line, "front matter is not valid " + (toml ? "TOML" : "YAML")
                    + ": " + reason));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, List<String>> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey().strip().toLowerCase(Locale.ROOT);
            JsonNode value = field.getValue();
            if (value.isObject()) {
                if (prefix.isEmpty()) {
                    flatten(key + ".", value, into); // one level: labels.severity, params.alerts
                }
                continue;
            }
            List<String> texts = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> {
                    if (item.isValueNode() && !item.isNull()) {
                        texts.add(item.asText().strip());
                    }
                });
            } else if (value.isValueNode() && !value.isNull()) {
                texts.add(value.asText().strip());
            }
            texts.removeIf(String::isBlank);
            into.putIfAbsent(key, List.copyOf(texts));
        }
    }

    Optional<String> first(String key) {
        return all(key).stream().findFirst();
    }

    List<String> all(String key) {
        return values.getOrDefault(key, List.of());
    }
}
