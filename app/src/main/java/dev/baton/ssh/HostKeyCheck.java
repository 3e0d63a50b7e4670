package dev.baton.ssh;

import java.nio.file.Path;
import java.util.List;

/**
 * The verdict on one presented host key, with what the responder needs to judge it: the SHA256
 * fingerprint OpenSSH shows, and the known_hosts lines that decided it.
 *
 * @param lookupName the name known_hosts is searched for: {@code host}, or {@code [host]:port} off 22
 * @param deciding line numbers that matched (the changed or revoking lines, or the trusting one)
 * @param otherKeyTypes key types known for this host when the presented type is not
 */
public record HostKeyCheck(
        HostKeyStatus status,
        String lookupName,
        String keyType,
        String fingerprint,
        Path knownHostsFile,
        List<Integer> deciding,
        List<String> otherKeyTypes) {

    public HostKeyCheck {
        deciding = List.copyOf(deciding);
        otherKeyTypes = List.copyOf(otherKeyTypes);
    }

    /** The warning shown to the responder, worded after OpenSSH's. */
    public String describe() {
        String where = knownHostsFile + (deciding.isEmpty() ? "" : ":" + joined(deciding));
        return switch (status) {
            case TRUSTED -> "Host key for " + lookupName + " matches " + where + ".";
            case UNKNOWN -> "The authenticity of host " + lookupName + " can't be established.\n"
                    + keyType + " key fingerprint is " + fingerprint + "."
                    + (otherKeyTypes.isEmpty() ? ""
                            : "\nThis host is already known by other keys (" + String.join(", ", otherKeyTypes)
                                    + "), but not by this one.");
            case CHANGED -> "REMOTE HOST IDENTIFICATION HAS CHANGED for " + lookupName + ".\n"
                    + "Someone could be eavesdropping on you right now (man-in-the-middle attack), "
                    + "or the host key has just been changed.\n"
                    + "The " + keyType + " key sent by the host has fingerprint " + fingerprint + ".\n"
                    + "Offending key in " + where + ". Baton will not connect: if the change is expected, "
                    + "remove that line (ssh-keygen -R '" + lookupName + "') and connect again.";
            case REVOKED -> "The " + keyType + " host key for " + lookupName + " is marked as revoked in "
                    + where + " (" + fingerprint + "). Baton will not connect to a host presenting it.";
        };
    }

    private static String joined(List<Integer> lines) {
        return String.join(",", lines.stream().map(String::valueOf).toList());
    }
}
