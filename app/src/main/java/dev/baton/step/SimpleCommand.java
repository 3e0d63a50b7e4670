package dev.baton.step;

import java.util.List;

/**
 * One command of a shell script after quoting is removed: {@code r''m -rf "x"} reads as {@code rm -rf x}.
 *
 * @param words             the words, unquoted, without redirections
 * @param redirectTargets   files named after {@code >}, {@code >>}, {@code <}
 * @param pipedFromPrevious the command reads the previous command's output through {@code |}
 */
record SimpleCommand(List<String> words, List<String> redirectTargets, boolean pipedFromPrevious) {
    SimpleCommand {
        words = List.copyOf(words);
        redirectTargets = List.copyOf(redirectTargets);
    }
}
