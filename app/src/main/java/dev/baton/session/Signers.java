package dev.baton.session;

import dev.baton.handoff.BundleManifest;
import dev.baton.handoff.BundleWriter;
import dev.baton.ssh.KeyFiles;
import dev.baton.ssh.SshAgent;
import dev.baton.ssh.SshSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The keys a responder can sign a handoff with, and the signer each one makes. */
public final class Signers {
    private Signers() {}

    /** A key to offer: one ssh-agent holds (by its comment), or a private key file. */
    public record Choice(String agentComment, Path keyFile) {
        public String label() {
            return agentComment != null ? "ssh-agent: " + agentComment : "Key file: " + keyFile;
        }
    }

    /** ssh-agent's keys first, then the responder's default key files. */
    public static List<Choice> choices(Path sshFolder) {
        List<Choice> choices = new ArrayList<>();
        SshAgent.fromEnvironment().ifPresent(agent -> {
            try {
                agent.identities().forEach(identity -> choices.add(new Choice(identity.comment(), null)));
            } catch (IOException e) {
                // No agent to offer; key files still are.
            }
        });
        KeyFiles.defaults(sshFolder).stream().filter(Files::isRegularFile)
                .forEach(key -> choices.add(new Choice(null, key)));
        return choices;
    }

    /** Signs with the agent's key of that comment, or its first key when {@code comment} is null. */
    public static BundleWriter.ManifestSigner agent(String comment) throws IOException {
        SshAgent agent = SshAgent.fromEnvironment().orElseThrow(() -> new IOException("SSH_AUTH_SOCK is not set"));
        List<SshAgent.Identity> identities = agent.identities();
        SshAgent.Identity identity = identities.stream()
                .filter(candidate -> comment == null || candidate.comment().equals(comment)).findFirst()
                .orElseThrow(() -> new IOException(comment == null ? "ssh-agent holds no keys"
                        : "ssh-agent no longer holds " + comment));
        return manifest -> SshSignature.sign(manifest, BundleManifest.SIGNATURE_NAMESPACE, agent, identity);
    }

    /** Signs with a private key file; {@code passphrase} null or empty for an unencrypted key. */
    public static BundleWriter.ManifestSigner keyFile(Path key, char[] passphrase) throws IOException {
        var keys = SshSignature.loadKeyPair(key, passphrase == null || passphrase.length == 0 ? null : passphrase);
        return manifest -> SshSignature.sign(manifest, BundleManifest.SIGNATURE_NAMESPACE, keys);
    }

    /** The signer for a choice made in a dialog. */
    public static BundleWriter.ManifestSigner of(Choice choice, char[] passphrase) throws IOException {
        return choice.agentComment() != null ? agent(choice.agentComment()) : keyFile(choice.keyFile(), passphrase);
    }

    /** Whether loading {@code key} failed for want of a passphrase (the CLI then asks for one). */
    public static boolean needsPassphrase(IOException failure) {
        return failure.getMessage() != null && failure.getMessage().toLowerCase(Locale.ROOT).contains("passphrase");
    }

    public static Optional<Choice> find(List<Choice> choices, String label) {
        return choices.stream().filter(choice -> choice.label().equals(label)).findFirst();
    }
}
