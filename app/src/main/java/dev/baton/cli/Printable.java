package dev.baton.cli;

/**
 * Text from a bundle, a runbook, an inventory or a server, made safe to print on a terminal: control
 * characters (C0, DEL, C1), line and paragraph separators and the bidirectional overrides that reorder
 * what is shown are written out as escapes ({@code \e}, {@code \r}, {@code \x07}, {@code \u202e}), so
 * such text can neither move the cursor, clear a line, nor draw a line of its own.
 */
final class Printable {
    private Printable() {}

    /** One line of untrusted text: a line feed in it is shown as {@code \n}, not obeyed. */
    static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Several lines of untrusted text: each escaped as by {@link #of}, the line feeds kept (a carriage return
     * of its own is escaped, not obeyed: it could overwrite what the line showed; CRLF is a line break).
     */
    static String lines(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            out.append(i == 0 ? "" : "\n").append(of(line));
        }
        return out.toString();
    }

    /**
     * The one JSON writer of CLI output: indented, and every character {@link #of} escapes written as
     * as a backslash-u escape (C1 controls such as U+009B, U+2028, the bidirectional overrides), so no JSON output
     * can drive a terminal it is printed on.
     */
    static com.fasterxml.jackson.databind.ObjectMapper jsonMapper() {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        mapper.getFactory().setCharacterEscapes(jsonEscapes());
        return mapper;
    }

    /**
     * {@code value} as the CLI prints JSON ({@link #jsonMapper()}), a field without a value left out rather than
     * written as {@code null}: a script reading it with {@code jq '.runbook // "none"'} gets the same answer, and a
     * person reading it never sees the word "null".
     */
    static String json(Object value) throws com.fasterxml.jackson.core.JsonProcessingException {
        com.fasterxml.jackson.databind.ObjectMapper mapper = jsonMapper();
        com.fasterxml.jackson.databind.JsonNode tree = mapper.valueToTree(value);
        return mapper.writeValueAsString(withoutNullFields(tree));
    }

    private static com.fasterxml.jackson.databind.JsonNode withoutNullFields(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(object.properties().stream().filter(field -> field.getValue().isNull())
                    .map(java.util.Map.Entry::getKey).toList());
            object.forEach(Printable::withoutNullFields);
        } else if (node.isArray()) {
            node.forEach(Printable::withoutNullFields);
        }
        return node;
    }

    /**
     * For JSON output: Jackson escapes C0 controls itself; these escapes add the rest of what
     * {@link #of} shows as escapes (DEL, C1, separators, bidirectional overrides), as {@code \\uXXXX}.
     */
    static com.fasterxml.jackson.core.io.CharacterEscapes jsonEscapes() {
        int[] table = com.fasterxml.jackson.core.io.CharacterEscapes.standardAsciiEscapesForJSON();
        table[0x7f] = com.fasterxml.jackson.core.io.CharacterEscapes.ESCAPE_STANDARD;
        return new com.fasterxml.jackson.core.io.CharacterEscapes() {
            @Override
            public int[] getEscapeCodesForAscii() {
                return table;
            }

            @Override
            public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
                return ch < 0x10000 && escape((char) ch) != null
                        ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch)) : null;
            }
        };
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case 0x1b -> "\\e";
            default -> {
                if (c < 0x20 || c == 0x7f) {
                    yield String.format("\\x%02x", (int) c);
                }
                boolean hidden = c >= 0x80 && c <= 0x9f || c == '\u2028' || c == '\u2029' || c == '\u061c'
                        || c == '\u200e' || c == '\u200f' || c >= '\u202a' && c <= '\u202e'
                        || c >= '\u2066' && c <= '\u2069';
                yield hidden ? String.format("\\u%04x", (int) c) : null;
            }
        };
    }
}
