package dev.baton.ssh;

import com.hierynomus.sshj.key.KeyAlgorithm;
import java.io.IOException;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/**
 * Public-key authentication with one of the agent's keys: the server is asked whether it would take
 * the key, and only then does the agent sign. The private key stays in the agent.
 */
final class AgentAuth extends AbstractAuthMethod {
    private final SshAgent agent;
    private final SshAgent.Identity identity;

    AgentAuth(SshAgent agent, SshAgent.Identity identity) {
        super("publickey");
        this.agent = agent;
        this.identity = identity;
    }

    @Override
    protected SSHPacket buildReq() throws UserAuthException {
        return request(false);
    }

    @Override
    public void handle(Message message, SSHPacket packet) throws UserAuthException, TransportException {
        if (message != Message.USERAUTH_60) {
            super.handle(message, packet);
            return;
        }
        SSHPacket signed = request(true);
        byte[] toSign = new Buffer.PlainBuffer()
                .putString(params.getTransport().getSessionID())
                .putBuffer(signed)
                .getCompactData();
        try {
            byte[] signature = agent.sign(identity, algorithm(), toSign);
            signed.putBytes(signature);
        } catch (IOException e) {
            throw new UserAuthException(e.getMessage(), e);
        }
        params.getTransport().write(signed);
    }

    private SSHPacket request(boolean signed) throws UserAuthException {
        return super.buildReq().putBoolean(signed).putString(algorithm()).putBytes(identity.blob());
    }

    /** The signature algorithm both sides accept for this key type (rsa-sha2-512 over ssh-rsa, as OpenSSH). */
    private String algorithm() throws UserAuthException {
        KeyType type = KeyType.fromString(identity.keyType());
        try {
            List<KeyAlgorithm> algorithms = params.getTransport().getClientKeyAlgorithms(type);
            if (algorithms.isEmpty()) {
                throw new UserAuthException("No signature algorithm for " + identity.keyType() + " keys");
            }
            return algorithms.get(0).getKeyAlgorithm();
        } catch (TransportException e) {
            throw new UserAuthException("No signature algorithm for " + identity.keyType() + " keys", e);
        }
    }
}
