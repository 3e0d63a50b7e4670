package dev.baton.ssh;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.ChachaPolyCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * sshj's configuration with the ciphers OpenSSH offers by default (chacha20-poly1305, AES-GCM, AES-CTR),
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
        return Holder.CONFIG;
    }

    @Override
    protected void initCipherFactories() {
        List<Factory.Named<Cipher>> openSsh = List.of(ChachaPolyCiphers.CHACHA_POLY_OPENSSH(), BlockCiphers.AES128CTR(),
                BlockCiphers.AES192CTR(), BlockCiphers.AES256CTR(), GcmCiphers.AES128GCM(), GcmCiphers.AES256GCM());
        setCipherFactories(openSsh);
    }
}
