package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.ssh.InProcessSshServer;
import dev.baton.ssh.KnownHosts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * One in-process SSH server answering on many loopback addresses (127.0.0.2, 127.0.0.3…), each a node of
 * the inventory. A command sees the address it was reached on as {@code $NODE_ADDR}, so a step can make
 * some nodes answer differently.
 */
public final class ManyNodesServer implements AutoCloseable {
    private final SshServer server;
    private final List<String> addresses;
    private final KeyPair hostKey;

    private ManyNodesServer(SshServer server, List<String> addresses, KeyPair hostKey) {
        this.server = server;
        this.addresses = addresses;
        this.hostKey = hostKey;
    }

    public static List<String> addresses(int first, int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("127.0." + ((first + i) / 256) + "." + ((first + i) % 256));
        }
        return addresses;
    }

    public static ManyNodesServer start(List<String> addresses, PublicKey authorizedKey, KeyPair hostKey) throws IOException {
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(String.join(",", addresses));
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) ->
                InProcessSshServer.USER.equals(user) && KeyUtils.compareKeys(authorizedKey, key));
        server.setCommandFactory((channel, command) -> {
            String reachedOn = ((InetSocketAddress) channel.getServerSession().getIoSession().getLocalAddress())
                    .getAddress().getHostAddress();
            String script = "NODE_ADDR=" + reachedOn + "; " + command;
            return new ProcessShellFactory(command, List.of("/bin/sh", "-c", script)).createShell(channel);
        });
        server.start();
        return new ManyNodesServer(server, List.copyOf(addresses), hostKey);
    }

    public java.security.PublicKey hostKey() {
        return hostKey.getPublic();
    }

    public int port() {
        return server.getPort();
    }

    /** The nodes, named n2, n3… after the last part of their address. */
    public List<Node> nodes(Path key) {
        return addresses.stream().map(address -> node(address, port(), key)).toList();
    }

    static Node node(String address, int port, Path key) {
        return Node.direct("n" + address.substring(address.lastIndexOf('.') + 1), address, port,
                InProcessSshServer.USER).withIdentityFiles(List.of(key), true);
    }

    /** known_hosts lines for every address, as ssh-keyscan would print them. */
    public String knownHosts() {
        return knownHosts(addresses, port(), hostKey.getPublic());
    }

    static String knownHosts(List<String> addresses, int port, PublicKey key) {
        return addresses.stream().map(address -> KnownHosts.lookupName(address, port) + " "
                + PublicKeyEntry.toString(key)).collect(Collectors.joining("\n", "", "\n"));
    }

    static Path writeKnownHosts(Path file, String... parts) throws IOException {
        Files.writeString(file, String.join("", parts));
        return file;
    }

    static Duration patience() {
        return Duration.ofSeconds(60);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
