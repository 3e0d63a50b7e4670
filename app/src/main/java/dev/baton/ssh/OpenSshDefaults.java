package dev.baton.ssh;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * sshj's configuration with the ciphers OpenSSH offers by default (AES-GCM, AES-CTR, chacha20-poly1305),
 * made once and shared by every connection. sshj's own default tries each of 33 ciphers, 3DES and
 * Blowfish among them, by building one: that took 1.1–1.7 s before the first connection and 8 ms before
 * every later one (a hundred nodes of a fan-out: most of a second).
 */
final class OpenSshDefaults extends DefaultConfig {
    private static final class Holder {
        private static final OpenSshDefaults CONFIG = new OpenSshDefaults();
    }

    private OpenSshDefaults() {
        setKeepAliveProvider(SharedKeepAlive.PROVIDER);
    }

    static OpenSshDefaults get() {
        JdkCrypto.install();
        return Holder.CONFIG;
    }

    @Override
    protected void initCipherFactories() {
        // AES-GCM first, then AES-CTR, both the JDK's (with the CPU's AES instructions); chacha20-poly1305 last,
        // as only BouncyCastle has it (see JdkCrypto): a server that offers nothing else still gets it.
        List<Factory.Named<Cipher>> openSsh = List.of(GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM(),
                BlockCiphers.AES128CTR(), BlockCiphers.AES192CTR(), BlockCiphers.AES256CTR(),
                new ChaChaOnBouncyCastle(ChachaPolyCiphers.CHACHA_POLY_OPENSSH()));
        setCipherFactories(openSsh);
    }

    /** chacha20-poly1305, whose first use registers BouncyCastle's provider. */
    private record ChaChaOnBouncyCastle(Factory.Named<Cipher> cipher) implements Factory.Named<Cipher> {
        @Override
        public Cipher create() {
            JdkCrypto.bouncyCastleForChaCha();
            return cipher.create();
        }

        @Override
        public String getName() {
            return cipher.getName();
        }
    }
}
