package dev.baton.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An interpreter's one-liner that runs commands: {@code python3 -c 'import os; os.system("…")'},
 * {@code perl -e 'system …'}, {@code ruby -e '`…`'}, {@code node -e 'require("child_process")…'},
 * {@code php -r 'shell_exec(…)'}, {@code awk 'BEGIN { system(…) }'}. Baton cannot read such code as it reads
 * shell, so the step is opaque; the string literals in it are read as shell commands too, so that what they
 * plainly hold ({@code rm -rf}) is named.
 */
final class InterpreterOneLiners {
    private record Language(Pattern codeOption, Pattern runsCommands) {}

    private static final Pattern PYTHON_RUNS = Pattern.compile(
            "\\bos\\s*\\.\\s*(system|popen|exec\\w*|spawn\\w*|posix_spawn\\w*)\\b|\\bsubprocess\\b|\\bpty\\s*\\.\\s*spawn"
                    + "|\\bcommands\\s*\\.\\s*getoutput|__import__\\s*\\(\\s*['\"](os|subprocess)");
    private static final Pattern PERL_RUBY_RUNS = Pattern.compile(
            "\\bsystem\\b|\\bexec\\b|\\bqx\\b|`|%x|\\bspawn\\b|\\bOpen3\\b|\\bIO\\s*\\.\\s*popen|\\bopen\\s*\\(?[^;]*\\|");
    private static final Map<String, Language> LANGUAGES = Map.of(
            "python", new Language(Pattern.compile("-[A-Za-z]*c"), PYTHON_RUNS),
            "perl", new Language(Pattern.compile("-[A-Za-z]*[eE]"), PERL_RUBY_RUNS),
            "ruby", new Language(Pattern.compile("-[A-Za-z]*e"), PERL_RUBY_RUNS),
            "node", new Language(Pattern.compile("-e|--eval|-p|--print"),
                    Pattern.compile("child_process|\\bexecSync\\b|\\bspawnSync\\b|\\bexecFile")),
            "php", new Language(Pattern.compile("-r"),
                    Pattern.compile("\\b(system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec)\\s*\\(|`")),
            "awk", new Language(null, Pattern.compile("\\bsystem\\s*\\(|\\|\\s*getline|\\bprint[^;}]*\\|\\s*\"")));
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|`([^`]*)`");
    private static final Pattern AWK_VALUE_OPTION = Pattern.compile("-[Fvf]");
    /** Each family's tool names, in the order they are tried; compiled once, as every command of every step meets them. */
    private static final List<Map.Entry<String, Pattern>> FAMILIES = List.of(
            Map.entry("python", Pattern.compile("python[0-9.]*")), Map.entry("perl", Pattern.compile("perl[0-9.]*")),
            Map.entry("ruby", Pattern.compile("ruby[0-9.]*")), Map.entry("node", Pattern.compile("node(js)?[0-9]*")),
            Map.entry("php", Pattern.compile("php[0-9.]*")), Map.entry("awk", Pattern.compile("[gmn]?awk")));

    private static String familyOf(String tool) {
        for (Map.Entry<String, Pattern> family : FAMILIES) {
            if (family.getValue().matcher(tool).matches()) {
                return family.getKey();
            }
        }
        return "";
    }

    private InterpreterOneLiners() {
    }

    /**
     * When {@code tool}'s code (its {@code -c}, {@code -e} or program argument) runs commands: tells
     * {@code opaque} so, and returns the code's string literals to read as shell; otherwise nothing.
     */
    static List<String> shellCommands(String tool, List<String> args, Consumer<String> opaque) {
        String family = familyOf(tool);
        Language language = LANGUAGES.get(family);
        if (language == null) {
            return List.of();
        }
        String code = code(language, args);
        if (code == null || !language.runsCommands().matcher(code).find()) {
            return List.of();
        }
        String option = family.equals("awk") ? "" : " " + optionOf(language, args);
        opaque.accept(tool + option + " runs commands");
        List<String> literals = new ArrayList<>();
        Matcher m = STRING_LITERAL.matcher(code);
        while (m.find()) {
            String literal = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            literals.add(literal.replace("\\\"", "\"").replace("\\'", "'"));
        }
        return literals;
    }

    private static String code(Language language, List<String> args) {
        if (language.codeOption() == null) {
            // awk: the first operand is the program, unless -f names a file
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-f")) {
                    return null;
                }
                if (AWK_VALUE_OPTION.matcher(a).matches()) {
                    i++;
                } else if (!a.startsWith("-")) {
                    return a;
                }
            }
            return null;
        }
        for (int i = 0; i + 1 < args.size(); i++) {
            if (language.codeOption().matcher(args.get(i)).matches()) {
                return args.get(i + 1);
            }
        }
        return null;
    }

    private static String optionOf(Language language, List<String> args) {
        return args.stream().filter(a -> language.codeOption().matcher(a).matches()).findFirst().orElse("");
    }
}
