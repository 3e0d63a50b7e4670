package dev.baton.ansible;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one ansible.cfg Ansible reads for a run, found as Ansible finds it ({@code ANSIBLE_CONFIG}, then
 * {@code ansible.cfg} in the folder it runs in unless that folder is world-writable, then {@code ~/.ansible.cfg},
 * then {@code /etc/ansible/ansible.cfg}; the first that exists, never merged), and which settings Baton may add for
 * speed because neither that file nor the environment says anything about them. The team's configuration always
 * wins: a key present with any value, even commented back in later, is theirs.
 *
 * @param file       the file Ansible reads, if any
 * @param keys       {@code section.key}, lowercased, of every key the file holds
 * @param unreadable the file exists but is not text Baton can read: every setting counts as the team's
 */
public record AnsibleConfigFile(Optional<Path> file, Set<String> keys, boolean unreadable) {
    /** Where the ssh connection reads {@code pipelining} from, in ansible.cfg and in the environment. */
    private static final List<String> PIPELINING_KEYS = List.of("defaults.pipelining", "connection.pipelining",
            "ssh_connection.pipelining");
    private static final List<String> PIPELINING_VARIABLES = List.of("ANSIBLE_PIPELINING", "ANSIBLE_SSH_PIPELINING");

    public AnsibleConfigFile {
        keys = Set.copyOf(keys);
    }

    /** The file a run in {@code workingDirectory} with {@code environment} reads, as Ansible searches for it. */
    public static AnsibleConfigFile forRun(Map<String, String> environment, Path workingDirectory) {
        return find(environment, workingDirectory, Path.of(System.getProperty("user.home")), Path.of("/etc/ansible"));
    }

    static AnsibleConfigFile find(Map<String, String> environment, Path workingDirectory, Path home, Path etc) {
        String named = environment.getOrDefault("ANSIBLE_CONFIG", "");
        if (!named.isBlank()) {
            Path path = Path.of(named.startsWith("~/") ? home + named.substring(1) : named);
            Path candidate = Files.isDirectory(path) ? path.resolve("ansible.cfg") : path;
            if (Files.exists(candidate)) {
                return read(candidate);
            }
        }
        if (workingDirectory != null && !worldWritable(workingDirectory)
                && Files.exists(workingDirectory.resolve("ansible.cfg"))) {
            return read(workingDirectory.resolve("ansible.cfg"));
        }
        for (Path candidate : List.of(home.resolve(".ansible.cfg"), etc.resolve("ansible.cfg"))) {
            if (Files.exists(candidate)) {
                return read(candidate);
            }
        }
        return new AnsibleConfigFile(Optional.empty(), Set.of(), false);
    }

    /**
     * What Baton sets for a run in the environment, over Ansible's own defaults, because the team did not:
     * {@code ANSIBLE_PIPELINING=True} (the module goes to the node's Python over the ssh connection that runs it,
     * one round trip instead of six: home folder, temp folder, copy, chmod, run, clean-up). An inventory's
     * {@code ansible_pipelining} still wins over it, as Ansible's variables win over its environment.
     *
     * @param environment the environment Ansible runs with (the responder's and Baton's settings)
     */
    public Map<String, String> batonDefaults(Map<String, String> environment) {
        boolean teamSays = unreadable || PIPELINING_VARIABLES.stream().anyMatch(environment::containsKey)
                || PIPELINING_KEYS.stream().anyMatch(keys::contains);
        return teamSays ? Map.of() : Map.of("ANSIBLE_PIPELINING", "True");
    }

    private static boolean worldWritable(Path folder) {
        try {
            return Files.getPosixFilePermissions(folder).contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The keys of an INI file as Python's configparser reads it: {@code [section]}, {@code key = value}, {@code key: value}. */
    private static AnsibleConfigFile read(Path file) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return new AnsibleConfigFile(Optional.of(file), Set.of(), true);
        } catch (IOException e) {
            return new AnsibleConfigFile(Optional.of(file), Set.of(), true);
        }
        Set<String> keys = new HashSet<>();
        String section = "";
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.contains("]")) {
                section = line.substring(1, line.indexOf(']')).strip();
                continue;
            }
            int end = line.length();
            for (char separator : new char[] {'=', ':'}) {
                int at = line.indexOf(separator);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            keys.add(section + "." + line.substring(0, end).strip().toLowerCase(Locale.ROOT));
        }
        return new AnsibleConfigFile(Optional.of(file), keys, false);
    }
}
