package dev.baton.ssh;

import dev.baton.inventory.Node;

/** A ProxyJump hop written as OpenSSH accepts it: {@code [user@]host[:port]} or {@code ssh://user@host:port}. */
final class JumpSpec {
    private JumpSpec() {}

    static Node parse(String spec, String defaultUser) {
        String rest = spec.strip();
        if (rest.startsWith("ssh://")) {
            rest = rest.substring("ssh://".length());
        }
        String user = defaultUser;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int port = Node.DEFAULT_PORT;
        String host = rest;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = rest.substring(1, close);
            if (rest.length() > close + 2 && rest.charAt(close + 1) == ':') {
                port = Integer.parseInt(rest.substring(close + 2));
            }
        } else if (rest.indexOf(':') == rest.lastIndexOf(':') && rest.indexOf(':') > 0) {
            host = rest.substring(0, rest.indexOf(':'));
            port = Integer.parseInt(rest.substring(rest.indexOf(':') + 1));
        }
        return Node.direct(spec, host, port, user);
    }
}
