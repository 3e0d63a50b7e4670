package dev.baton.handoff;

import dev.baton.ssh.SshSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Which bundles may be opened, by their signature: one rule for the command line and the window.
 * With an allowed_signers file, a signed bundle opens only when that file lets its key sign as the
 * responder the manifest names ({@code createdBy}) in the {@code baton-handoff} namespace, as
 * {@code ssh-keygen -Y verify -f FILE -I createdBy -n baton-handoff} would; with
 * {@code requireSigned}, an unsigned bundle is refused too. In the window, the settings
 * {@value #REQUIRE_SIGNED} ({@code true}) and {@value #ALLOWED_SIGNERS} (a file) set the same.
 */
public record SignaturePolicy(boolean requireSigned, Optional<Path> allowedSigners) {
    public static final String REQUIRE_SIGNED = "baton.handoff.require-signed";
    public static final String ALLOWED_SIGNERS = "baton.handoff.allowed-signers";

    /** What the signature says about who made a bundle that may be opened. */
    public enum Status {
        UNSIGNED,
        /** Signed, with no allowed_signers file to say by whom: the fingerprint is for the responder to compare. */
        SIGNED_UNCHECKED,
        /** Signed by a key the allowed_signers file lists for the responder the manifest names. */
        SIGNED_ALLOWED
    }

    /** @param text one line for the responder; {@link #warning()} when it should stand out */
    public record Judgement(Status status, String text) {
        public boolean warning() {
            return status != Status.SIGNED_ALLOWED;
        }
    }

    public static SignaturePolicy none() {
        return new SignaturePolicy(false, Optional.empty());
    }

    /** The window's policy, from its settings (system properties, as {@code BATON_JAVA_OPTS} sets them). */
    public static SignaturePolicy fromSettings() {
        String signers = System.getProperty(ALLOWED_SIGNERS, "");
        return new SignaturePolicy(Boolean.parseBoolean(System.getProperty(REQUIRE_SIGNED, "false")),
                signers.isBlank() ? Optional.empty() : Optional.of(Path.of(signers)));
    }

    public Judgement judge(BundleReader.Verified bundle) throws BundleException {
        return judge(bundle, Clock.systemUTC());
    }

    /** @throws BundleException when the bundle must not be opened, saying why */
    public Judgement judge(BundleReader.Verified bundle, Clock clock) throws BundleException {
        if (requireSigned && allowedSigners.isEmpty()) {
            throw new BundleException("refused: signed bundles are required, but no allowed_signers file says whose "
                    + "signatures count (" + ALLOWED_SIGNERS + " / --allowed-signers)");
        }
        if (bundle.signature().isEmpty()) {
            if (requireSigned) {
                throw new BundleException("refused: the bundle is unsigned, and only signed bundles are accepted");
            }
            return new Judgement(Status.UNSIGNED,
                    "unsigned: the SHA-256 manifest shows the bundle was not damaged, not who made it");
        }
        SshSignature.Verified signature = bundle.signature().get();
        String key = signature.keyType() + " key " + signature.fingerprint();
        if (allowedSigners.isEmpty()) {
            return new Judgement(Status.SIGNED_UNCHECKED,
                    "signed by " + key + " — compare it with the key of the responder who handed off");
        }
        AllowedSigners signers;
        try {
            signers = AllowedSigners.read(allowedSigners.get());
        } catch (IOException e) {
            throw new BundleException("refused: cannot check the signer: " + e.getMessage());
        }
        String principal = bundle.manifest().createdBy();
        if (!signers.allows(principal, BundleManifest.SIGNATURE_NAMESPACE, signature.publicKeyLine(),
                clock.instant())) {
            List<String> listedFor = signers.principalsOf(signature.publicKeyLine());
            throw new BundleException("refused: signed by " + key + ", which " + allowedSigners.get()
                    + " does not allow to sign " + BundleManifest.SIGNATURE_NAMESPACE + " bundles as \"" + principal
                    + "\"" + (listedFor.isEmpty() ? " (it lists no such key)" : " (it lists that key for "
                    + String.join(" ", listedFor) + ", or not for this namespace or time)")
                    + (signers.unreadable().isEmpty() ? "" : "; lines skipped as unreadable: "
                    + String.join("; ", signers.unreadable())));
        }
        return new Judgement(Status.SIGNED_ALLOWED, "signed by " + principal + " (" + key + ", as "
                + allowedSigners.get() + " allows)");
    }
}
