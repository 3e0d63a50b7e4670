package dev.baton.step;

import java.util.List;

/**
 * One command of a shell script after quoting is removed: {@code r''m -rf "x"} reads as {@code rm -rf x}.
 *
 * @param words             the words, unquoted, without redirections
 * @param redirectTargets   files named after {@code >}, {@code >>}, {@code <}
 * @param writeTargets      the files of {@code redirectTargets} that are written ({@code >}, {@code >>}, {@code &>})
 * @param pipedFromPrevious the command reads the previous command's output through {@code |}
 * @param hereDocuments     the bodies of its here-documents, what the command reads on its input
 * @param hereStrings       the words of its here-strings ({@code <<< "…"}) as written, quotes and all
 * @param start             offset of its first character in the text given to {@link ShellScript#parse}
 * @param end               offset just past its last character
 */
record SimpleCommand(List<String> words, List<String> redirectTargets, List<String> writeTargets,
                     boolean pipedFromPrevious, List<String> hereDocuments, List<String> hereStrings, int start, int end) {
    SimpleCommand {
        words = List.copyOf(words);
        redirectTargets = List.copyOf(redirectTargets);
        writeTargets = List.copyOf(writeTargets);
        hereDocuments = List.copyOf(hereDocuments);
        hereStrings = List.copyOf(hereStrings);
    }

    SimpleCommand withHereDocument(String body) {
        List<String> bodies = new java.util.ArrayList<>(hereDocuments);
        bodies.add(body);
        return new SimpleCommand(words, redirectTargets, writeTargets, pipedFromPrevious, bodies, hereStrings, start, end);
    }
}
