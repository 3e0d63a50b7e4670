package dev.baton.ssh;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * sshj on the JDK's own providers instead of BouncyCastle's. Registering BouncyCastle's provider (a few
 * thousand algorithm entries) took 0.12–0.14 s of every {@code baton run}; JDK 17 has all that a connection
 * to OpenSSH needs (X25519 and ECDH key exchange, Ed25519, ECDSA and RSA signatures, AES-GCM and AES-CTR,
 * HMAC-SHA2, and HMAC-SHA1 for hashed known_hosts entries) but two names: sshj asks for an "ECDSA" key
 * factory, which the JDK calls "EC" (given here under sshj's name), and for chacha20-poly1305's cipher and
 * MAC, which only BouncyCastle has ({@link #bouncyCastleForChaCha()}, when a server speaks nothing else).
 */
final class JdkCrypto {
    private static final String EC_ALIAS_PROVIDER = "BatonEcdsaName";

    static {
        // Before sshj's first look-up: it registers BouncyCastle then, once for the JVM.
        SecurityUtils.setRegisterBouncyCastle(false);
        if (Security.getProvider(EC_ALIAS_PROVIDER) == null) {
            Security.addProvider(new EcdsaName());
        }
    }

    private JdkCrypto() {
    }

    /** Call before the first use of sshj's keys or connections; the work is done once, on first call. */
    static void install() {
        // The static initialiser above does it.
    }

    /**
     * Registers BouncyCastle's provider, last, for chacha20-poly1305 only: chosen after AES-GCM and AES-CTR,
     * so only a server that offers none of those pays its start. Every other algorithm stays the JDK's, found
     * first.
     */
    static synchronized void bouncyCastleForChaCha() {
        if (Security.getProvider("BC") == null) {
            try {
                // By name: BouncyCastle comes with sshj, at run time only.
                Security.addProvider((Provider) Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider")
                        .getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("chacha20-poly1305 needs BouncyCastle, which is missing", e);
            }
        }
    }

    /** The JDK's "EC" key factory under the name sshj asks for, "ECDSA". */
    private static final class EcdsaName extends Provider {
        EcdsaName() {
            super(EC_ALIAS_PROVIDER, "1", "The JDK's EC key factory under the name ECDSA, for sshj");
            putService(new Service(this, "KeyFactory", "ECDSA", EcKeyFactory.class.getName(), List.of(), Map.of()) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new EcKeyFactory(KeyFactory.getInstance("EC"));
                }
            });
        }
    }

    private static final class EcKeyFactory extends KeyFactorySpi {
        private final KeyFactory ec;

        EcKeyFactory(KeyFactory ec) {
            this.ec = ec;
        }

        @Override
        protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
            return ec.generatePublic(keySpec);
        }

        @Override
        protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
            return ec.generatePrivate(keySpec);
        }

        @Override
        protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
            return ec.getKeySpec(key, keySpec);
        }

        @Override
        protected Key engineTranslateKey(Key key) throws InvalidKeyException {
            return ec.translateKey(key);
        }
    }
}
