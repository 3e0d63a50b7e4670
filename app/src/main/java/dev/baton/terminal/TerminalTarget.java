package dev.baton.terminal;

import dev.baton.inventory.Node;

/**
 * Where a terminal's keystrokes go, as the responder must see it before a step is sent there: a local
 * shell or an SSH session, the host, and whether that host is production.
 *
 * @param ssh        an SSH session (else a shell on this machine)
 * @param host       the node's name for SSH, empty for a local shell
 * @param address    {@code user@host[:port]} for SSH, empty for a local shell
 * @param production the inventory marks the node as production
 */
public record TerminalTarget(boolean ssh, String host, String address, boolean production) {
    public TerminalTarget {
        host = host == null ? "" : host;
        address = address == null ? "" : address;
    }

    public static TerminalTarget local() {
        return new TerminalTarget(false, "", "", false);
    }

    public static TerminalTarget of(Node node) {
        return new TerminalTarget(true, node.name(), node.address(), node.production());
    }

    /** "SSH" or "local", as the tab shows it. */
    public String kind() {
        return ssh ? "SSH" : "local";
    }

    /**
     * A hue (0 to 359) that stays the same for a host from run to run, so that a node keeps its colour;
     * local shells share one.
     */
    public int hue() {
        if (!ssh) {
            return 210;
        }
        // FNV-1a spreads similar names (web01, web02) further apart than String.hashCode.
        int hash = 0x811c9dc5;
        for (char c : host.toCharArray()) {
            hash = (hash ^ c) * 0x01000193;
        }
        return Math.floorMod(hash, 360);
    }

    /** The tab's tooltip: what the terminal is connected to. */
    public String describe() {
        return ssh ? "SSH to " + host + " (" + address + ")" + (production ? " — production" : "")
                : "Local shell on this machine";
    }
}
