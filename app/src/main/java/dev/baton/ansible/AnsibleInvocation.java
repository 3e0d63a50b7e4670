package dev.baton.ansible;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ad-hoc run: {@code ansible PATTERN -i INVENTORY --limit HOSTS -m shell … --forks N}, as argv (no shell of
 * Baton's ever reads it).
 *
 * <p>The step reaches the shell module as the value of an {@code !unsafe} extra variable, not as the free-form
 * {@code -a STEP}: free-form text is templated by Jinja ({@code {{.Names}}} in a docker format breaks) and words
 * such as {@code chdir=/} are taken as module options. {@code strip_empty_ends=false} keeps the output exactly as
 * printed, as Baton's own SSH engine does, so identical nodes group alike through both engines.
 *
 * @param inventory        the inventory file; null when the project's ansible.cfg names it
 * @param limit            the hosts to run on, each one of Ansible's inventory names
 * @param workingDirectory where Ansible runs: the project folder, so that its ansible.cfg applies; null for Baton's
 * @param treeDirectory    where {@code --tree} writes one JSON per host, when the jsonl callback is missing; else null
 * @param batonDefaults    settings Baton adds for speed because the team's configuration says nothing about them
 *                         ({@link AnsibleConfigFile#batonDefaults})
 * @param askingAgain      not the step but Ansible's {@code ping}, without pipelining ({@link #askingAgain})
 */
public record AnsibleInvocation(String pattern, Path inventory, List<String> limit, int forks, Duration taskTimeout,
        String step, Path workingDirectory, Path treeDirectory, Map<String, String> batonDefaults,
        boolean askingAgain) {

    public AnsibleInvocation {
        limit = List.copyOf(limit);
        batonDefaults = Map.copyOf(batonDefaults);
    }

    public AnsibleInvocation(String pattern, Path inventory, List<String> limit, int forks, Duration taskTimeout,
            String step, Path workingDirectory, Path treeDirectory, Map<String, String> batonDefaults) {
        this(pattern, inventory, limit, forks, taskTimeout, step, workingDirectory, treeDirectory, batonDefaults,
                false);
    }

    /** The same run on {@code hosts} only (one batch), with results in {@code tree} (null: streamed). */
    public AnsibleInvocation on(List<String> hosts, Path tree) {
        return new AnsibleInvocation(pattern, inventory, hosts, forks, taskTimeout, step, workingDirectory, tree,
                batonDefaults, askingAgain);
    }

    /** Whether pipelining is Baton's choice for this run (the team's configuration says nothing about it). */
    public boolean pipelinedByBaton() {
        return "True".equals(batonDefaults.get(PIPELINING));
    }

    /**
     * A second connection to {@code hosts}, to have ssh's own words for why it gave up on them when pipelining lost
     * them (see {@link UnreachableMessage}): Ansible's {@code ping}, which changes nothing on a host, through the
     * same inventory, ansible.cfg, user and limit, with pipelining off so that nothing is written into ssh's stdin
     * while it connects. Results in {@code tree} (null: streamed).
     */
    public AnsibleInvocation askingAgain(List<String> hosts, Path tree) {
        return new AnsibleInvocation(pattern, inventory, hosts, Math.max(1, Math.min(forks, hosts.size())),
                Duration.ZERO, "", workingDirectory, tree, Map.of(PIPELINING, "False"), true);
    }

    private static final String PIPELINING = "ANSIBLE_PIPELINING";

    /** The hosts part, shared by the run and by the {@code --list-hosts} asked before it. */
    List<String> selection(Path executable) {
        List<String> argv = new ArrayList<>(List.of(executable.toString(), pattern));
        if (inventory != null) {
            argv.add("-i");
            argv.add(inventory.toString());
        }
        argv.add("--limit");
        argv.add(String.join(",", limit));
        return argv;
    }

    /** The whole command, step included, one argv element each. */
    public List<String> argv(Path executable) {
        List<String> argv = selection(executable);
        if (askingAgain) {
            argv.addAll(List.of("-m", "ping", "--forks", String.valueOf(forks)));
        } else {
            argv.addAll(List.of("-m", "shell", "-e", "{\"baton_step\": !unsafe \"" + yamlEscaped(step) + "\"}",
                    "-a", "{\"_raw_params\": \"{{ baton_step }}\", \"strip_empty_ends\": false}",
                    "--forks", String.valueOf(forks)));
        }
        if (!taskTimeout.isZero()) {
            argv.add("--task-timeout");
            argv.add(String.valueOf(Math.max(1, taskTimeout.toSeconds())));
        }
        if (treeDirectory != null) {
            argv.add("--tree");
            argv.add(treeDirectory.toString());
        }
        return argv;
    }

    /** The command line as the incident records it: {@code shownStep} (secrets masked) in place of the step. */
    public String shown(String shownStep) {
        List<String> words = new ArrayList<>();
        if (askingAgain) {
            words.add(PIPELINING + "=False");
        }
        words.addAll(selection(Path.of("ansible")));
        words.addAll(askingAgain ? List.of("-m", "ping", "--forks", String.valueOf(forks))
                : List.of("-m", "shell", "-a", shownStep, "--forks", String.valueOf(forks)));
        if (treeDirectory != null) {
            words.addAll(List.of("--tree", treeDirectory.toString()));
        }
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(line.isEmpty() ? "" : " ").append(word.matches("[A-Za-z0-9_./:,=@+-]+") ? word
                    : "'" + word.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }

    /** What Baton sets for the run over {@code base}: the results callback, no colour, and no become of its own. */
    Map<String, String> environment(Map<String, String> base) {
        Map<String, String> env = new LinkedHashMap<>(base);
        env.putAll(batonDefaults);
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        // An inventory Ansible cannot parse is an error, not a warning followed by a run on no host.
        env.put("ANSIBLE_INVENTORY_UNPARSED_FAILED", "True");
        // A host of the limit that Ansible's inventory lacks stops the run before any host runs, instead of a
        // warning and a run on the others: the run itself can then refuse what --list-hosts was asked before.
        env.put("ANSIBLE_HOST_PATTERN_MISMATCH", "error");
        // A step runs as the login user unless it says sudo itself, as through Baton's own SSH: a project's
        // become=True would otherwise run every step as root.
        env.put("ANSIBLE_BECOME", "False");
        if (treeDirectory == null) {
            env.put("ANSIBLE_STDOUT_CALLBACK", AnsibleCommand.JSONL_CALLBACK);
            // Ad-hoc runs ignore the stdout callback setting unless told to load callback plugins.
            env.put("ANSIBLE_LOAD_CALLBACK_PLUGINS", "1");
        }
        return env;
    }

    /**
     * A YAML double-quoted scalar's body holding exactly {@code text}: printable ASCII as is, everything else
     * escaped by code point, so no line break, control character or Unicode separator is folded by the parser.
     */
    static String yamlEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                out.append((char) cp);
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.toString();
    }
}
