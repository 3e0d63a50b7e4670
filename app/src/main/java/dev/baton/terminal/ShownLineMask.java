package dev.baton.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Masks secrets in a terminal's output by what the terminal shows, not by its raw text: colour escapes split a
 * secret ({@code password=\e[31mhunter2}) and backspaces edit it. Output is fed in pieces that end at a line
 * feed (or at a bound, see {@link AsciicastRecorder}); escape sequences are skipped, backspaces applied, and
 * a carriage return or a cursor jump ends a shown line. Each shown line is scanned, and a secret found is
 * replaced in the raw text: {@code «masked: kind»} where it starts, its other characters removed, the escapes
 * between them kept.
 */
final class ShownLineMask {
    private final SecretFinder finder;
    private final ShownText text = new ShownText();
    private int masked;

    ShownLineMask(SecretFinder finder) {
        this.finder = finder;
    }

    /** How many secrets were masked so far. */
    int masked() {
        return masked;
    }

    /** The piece with its secrets masked; a shown line still open at its end is scanned as it stands. */
    String mask(String raw) {
        StringBuilder shown = new StringBuilder();
        List<Integer> origin = new ArrayList<>();
        TreeMap<Integer, String> edits = new TreeMap<>();
        text.read(raw, new ShownText.Reader<RuntimeException>() {
            @Override
            public void shown(char c, int index) {
                shown.append(c);
                origin.add(index);
            }

            @Override
            public void backspace() {
                if (!shown.isEmpty()) {
                    shown.setLength(shown.length() - 1);
                    origin.remove(origin.size() - 1);
                }
            }

            @Override
            public void lineEnd(boolean newline) {
                scan(shown, origin, edits);
            }
        });
        scan(shown, origin, edits);
        if (edits.isEmpty()) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            String edit = edits.get(i);
            out.append(edit != null ? edit : String.valueOf(raw.charAt(i)));
        }
        return out.toString();
    }

    private void scan(StringBuilder shown, List<Integer> origin, TreeMap<Integer, String> edits) {
        if (shown.isEmpty()) {
            return;
        }
        for (SecretFinder.Found found : finder.find(shown.toString())) {
            for (int k = found.start(); k < found.end(); k++) {
                edits.put(origin.get(k), k == found.start() ? mark(found.kind()) : "");
            }
            masked++;
        }
        shown.setLength(0);
        origin.clear();
    }

    /** The mark captures and runs' output carry too. */
    static String mark(String kind) {
        return "«masked: " + kind + "»";
    }
}
