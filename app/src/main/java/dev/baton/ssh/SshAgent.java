package dev.baton.ssh;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.common.Buffer;

/**
 * The responder's ssh-agent, reached on {@code SSH_AUTH_SOCK}: it lists its keys and signs with them,
 * so private keys never enter Baton. Two messages of the agent protocol (draft-miller-ssh-agent),
 * encoded with sshj's own buffers over Java's Unix domain sockets; sshj has no agent client, and the
 * one made for it (jsch-agent-proxy) is unmaintained and needs JNA.
 */
public final class SshAgent {
    static {
        JdkCrypto.install();
    }

    private static final byte REQUEST_IDENTITIES = 11;
    private static final byte IDENTITIES_ANSWER = 12;
    private static final byte SIGN_REQUEST = 13;
    private static final byte SIGN_RESPONSE = 14;
    private static final int RSA_SHA2_256 = 2;
    private static final int RSA_SHA2_512 = 4;
    private static final int MAX_MESSAGE = 256 * 1024;

    /** One key the agent holds: its public blob and the comment it was added with. */
    public record Identity(byte[] blob, String comment) {
        public String keyType() {
            try {
                return new Buffer.PlainBuffer(blob).readString();
            } catch (Buffer.BufferException e) {
                return "unknown";
            }
        }
    }

    private final Path socket;

    public SshAgent(Path socket) {
        this.socket = socket;
    }

    /** The agent named by {@code SSH_AUTH_SOCK}, when it is set. */
    public static Optional<SshAgent> fromEnvironment() {
        String path = System.getenv("SSH_AUTH_SOCK");
        return path == null || path.isBlank() ? Optional.empty() : Optional.of(new SshAgent(Path.of(path)));
    }

    public Path socket() {
        return socket;
    }

    public List<Identity> identities() throws IOException {
        Buffer.PlainBuffer answer = request(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES));
        try {
            if (answer.readByte() != IDENTITIES_ANSWER) {
                throw new IOException("ssh-agent at " + socket + " refused to list its keys");
            }
            long count = answer.readUInt32();
            if (count > 1024) {
                throw new IOException("ssh-agent at " + socket + " claims " + count + " keys");
            }
            List<Identity> identities = new ArrayList<>();
            for (long i = 0; i < count; i++) {
                identities.add(new Identity(answer.readBytes(), answer.readString()));
            }
            return identities;
        } catch (Buffer.BufferException e) {
            throw new IOException("ssh-agent at " + socket + " sent a malformed answer", e);
        }
    }

    /**
     * Signs data with one of the agent's keys.
     *
     * @param algorithm the signature algorithm, e.g. {@code ssh-ed25519} or {@code rsa-sha2-512}
     * @return the signature blob as the SSH wire format carries it (algorithm name, then signature)
     */
    public byte[] sign(Identity identity, String algorithm, byte[] data) throws IOException {
        int flags = switch (algorithm) {
            case "rsa-sha2-256" -> RSA_SHA2_256;
            case "rsa-sha2-512" -> RSA_SHA2_512;
            default -> 0;
        };
        Buffer.PlainBuffer message = new Buffer.PlainBuffer().putByte(SIGN_REQUEST)
                .putBytes(identity.blob()).putBytes(data).putUInt32(flags);
        Buffer.PlainBuffer answer = request(message);
        try {
            if (answer.readByte() != SIGN_RESPONSE) {
                throw new IOException("ssh-agent refused to sign with " + identity.comment()
                        + " (a key that needs confirmation was declined, or the agent is locked)");
            }
            return answer.readBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("ssh-agent at " + socket + " sent a malformed signature", e);
        }
    }

    private Buffer.PlainBuffer request(Buffer.PlainBuffer message) throws IOException {
        byte[] body = message.getCompactData();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteBuffer length = readFully(channel, 4);
            int size = length.getInt();
            if (size <= 0 || size > MAX_MESSAGE) {
                throw new IOException("ssh-agent at " + socket + " sent a message of " + size + " bytes");
            }
            return new Buffer.PlainBuffer(readFully(channel, size).array());
        }
    }

    private static ByteBuffer readFully(SocketChannel channel, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("ssh-agent closed the connection mid-answer");
            }
        }
        return buffer.flip();
    }
}
