package dev.baton.ssh;

import com.hierynomus.sshj.signature.SignatureEdDSA;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Locale;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.signature.Signature;
import net.schmizz.sshj.signature.SignatureECDSA;
import net.schmizz.sshj.signature.SignatureRSA;

/**
 * Signatures in OpenSSH's {@code ssh-keygen -Y sign} format (PROTOCOL.sshsig), so a bundle's manifest
 * can be signed with the responder's own SSH key, in a file or in ssh-agent, and checked by Baton or by
 * {@code ssh-keygen -Y verify} alike.
 */
public final class SshSignature {
    static {
        JdkCrypto.install();
    }

    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final String HASH = "sha512";
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    /**
     * Who signed: the key, as the responder compares it with the one they expect.
     *
     * @param fingerprint {@code SHA256:…} as {@code ssh-keygen -l} prints it
     */
    public record Verified(String keyType, String fingerprint, String publicKeyLine) {}

    /** A signature that does not hold, with the reason written for the responder. */
    public static final class BadSignatureException extends Exception {
        public BadSignatureException(String message) {
            super(message);
        }
    }

    private SshSignature() {}

    public static String sign(byte[] message, String namespace, KeyPair keys) throws IOException {
        String algorithm = signatureAlgorithm(KeyType.fromKey(keys.getPublic()).toString());
        Signature signature = signer(algorithm);
        signature.initSign(keys.getPrivate());
        signature.update(signedData(namespace, HASH, message));
        byte[] wire = new Buffer.PlainBuffer().putString(algorithm).putBytes(signature.encode(signature.sign()))
                .getCompactData();
        return armor(publicKeyBlob(keys.getPublic()), namespace, wire);
    }

    public static String sign(byte[] message, String namespace, SshAgent agent, SshAgent.Identity identity)
            throws IOException {
        String algorithm = signatureAlgorithm(identity.keyType());
        byte[] wire = agent.sign(identity, algorithm, signedData(namespace, HASH, message));
        return armor(identity.blob(), namespace, wire);
    }

    /** A private key file as OpenSSH writes them; the passphrase may be null for an unencrypted key. */
    public static KeyPair loadKeyPair(Path privateKeyFile, char[] passphrase) throws IOException {
        if (!Files.isRegularFile(privateKeyFile)) {
            throw new IOException(privateKeyFile + " is not a key file");
        }
        try (net.schmizz.sshj.SSHClient client = new net.schmizz.sshj.SSHClient()) {
            var provider = passphrase == null ? client.loadKeys(privateKeyFile.toString())
                    : client.loadKeys(privateKeyFile.toString(), passphrase);
            return new KeyPair(provider.getPublic(), provider.getPrivate());
        } catch (IOException | RuntimeException e) {
            String reason = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (reason.contains("passphrase") || reason.contains("password") || reason.contains("decrypt")
                    || reason.contains("encrypted")) {
                throw new IOException(privateKeyFile + ": the passphrase is missing or wrong", e);
            }
            throw new IOException(privateKeyFile + " could not be read as an SSH private key: " + e.getMessage(), e);
        }
    }

    public static Verified verify(byte[] message, String namespace, String armored) throws BadSignatureException {
        Buffer.PlainBuffer blob = new Buffer.PlainBuffer(dearmor(armored));
        try {
            byte[] magic = new byte[MAGIC.length];
            blob.readRawBytes(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new BadSignatureException("not an SSH signature (no SSHSIG magic)");
            }
            long version = blob.readUInt32();
            if (version != VERSION) {
                throw new BadSignatureException("SSH signature version " + version + " is not supported");
            }
            byte[] keyBlob = blob.readBytes();
            String signedNamespace = blob.readString();
            String reserved = blob.readString();
            String hash = blob.readString();
            byte[] wire = blob.readBytes();
            if (blob.available() != 0) {
                throw new BadSignatureException("the signature has trailing data");
            }
            if (!signedNamespace.equals(namespace)) {
                throw new BadSignatureException("the signature was made for \"" + signedNamespace + "\", not for \""
                        + namespace + "\"");
            }
            if (!hash.equals("sha512") && !hash.equals("sha256")) {
                throw new BadSignatureException("the signature uses the unsupported hash " + hash);
            }
            PublicKey key = new Buffer.PlainBuffer(keyBlob).readPublicKey();
            String keyType = new Buffer.PlainBuffer(keyBlob).readString();
            String algorithm = new Buffer.PlainBuffer(wire).readString();
            if (!algorithm.equals(signatureAlgorithm(keyType))
                    && !(keyType.equals("ssh-rsa") && algorithm.equals("rsa-sha2-256"))) {
                throw new BadSignatureException("a " + keyType + " key cannot make a " + algorithm + " signature here");
            }
            Signature verifier = signer(algorithm);
            verifier.initVerify(key);
            verifier.update(signedData(signedNamespace, hash, message, reserved));
            if (!verifier.verify(wire)) {
                throw new BadSignatureException("the signature is not valid for this manifest: it was changed after "
                        + "signing, or signed by another key");
            }
            return new Verified(keyType, fingerprint(keyBlob),
                    keyType + " " + Base64.getEncoder().encodeToString(keyBlob));
        } catch (IOException | RuntimeException e) {
            throw new BadSignatureException("the signature is malformed: " + e.getMessage());
        }
    }

    /** {@code SHA256:…}, base64 without padding, as OpenSSH prints fingerprints. */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String signatureAlgorithm(String keyType) throws IOException {
        return switch (keyType) {
            case "ssh-rsa" -> "rsa-sha2-512";
            case "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521" -> keyType;
            default -> throw new IOException("a " + keyType + " key cannot sign a bundle; use an Ed25519, ECDSA or RSA key");
        };
    }

    private static Signature signer(String algorithm) throws IOException {
        return switch (algorithm) {
            case "ssh-ed25519" -> new SignatureEdDSA.Factory().create();
            case "rsa-sha2-512" -> new SignatureRSA.FactoryRSASHA512().create();
            case "rsa-sha2-256" -> new SignatureRSA.FactoryRSASHA256().create();
            case "ecdsa-sha2-nistp256" -> new SignatureECDSA.Factory256().create();
            case "ecdsa-sha2-nistp384" -> new SignatureECDSA.Factory384().create();
            case "ecdsa-sha2-nistp521" -> new SignatureECDSA.Factory521().create();
            default -> throw new IOException("unsupported signature algorithm " + algorithm);
        };
    }

    private static byte[] signedData(String namespace, String hash, byte[] message) throws IOException {
        return signedData(namespace, hash, message, "");
    }

    private static byte[] signedData(String namespace, String hash, byte[] message, String reserved) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance(hash.equals("sha256") ? "SHA-256" : "SHA-512").digest(message);
            Buffer.PlainBuffer data = new Buffer.PlainBuffer();
            data.putRawBytes(MAGIC);
            return data.putString(namespace).putString(reserved).putString(hash).putBytes(digest).getCompactData();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static byte[] publicKeyBlob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    private static String armor(byte[] keyBlob, String namespace, byte[] wireSignature) {
        Buffer.PlainBuffer blob = new Buffer.PlainBuffer();
        blob.putRawBytes(MAGIC);
        blob.putUInt32(VERSION).putBytes(keyBlob).putString(namespace).putString("").putString(HASH)
                .putBytes(wireSignature);
        String base64 = Base64.getEncoder().encodeToString(blob.getCompactData());
        StringBuilder out = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += 70) {
            out.append(base64, i, Math.min(base64.length(), i + 70)).append('\n');
        }
        return out.append(END).append('\n').toString();
    }

    private static byte[] dearmor(String armored) throws BadSignatureException {
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new BadSignatureException("not an SSH signature (no BEGIN/END SSH SIGNATURE lines)");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s+", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadSignatureException("the signature is not valid base64");
        }
    }
}
