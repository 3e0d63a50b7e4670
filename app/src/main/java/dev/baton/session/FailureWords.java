package dev.baton.session;

import dev.baton.inventory.Node;
import dev.baton.ssh.ConnectionState;
import dev.baton.ssh.SshFailure;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Why a node could not be reached, as the responder reads it: DNS, refused, host key, auth, timeout. */
final class FailureWords {
    private static final Pattern NUMBERS = Pattern.compile("\\d+");

    private FailureWords() {}

    static String of(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof SshFailure ssh && ssh.state() == ConnectionState.HOST_KEY_PROBLEM) {
            return "host key: " + message;
        }
        if (failure instanceof SshFailure ssh && ssh.state() == ConnectionState.AUTH_FAILED) {
            return "auth: " + message;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "DNS: " + message;
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
                return "refused: " + message;
            }
            if (cause instanceof SocketTimeoutException
                    || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("timed out")
                    || String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
                return "timeout: " + message;
            }
        }
        return message;
    }

    /**
     * The kind alone ("refused", "DNS"…), so that nodes that failed alike are grouped; words of no known kind are
     * compared without the node's own name, address and numbers (ports, addresses), which differ on every node.
     */
    static String kind(String words, Node node) {
        int colon = words.indexOf(':');
        if (colon > 0 && colon < 12) {
            return words.substring(0, colon);
        }
        String alike = words;
        for (String own : new String[] {node.name(), node.hostName()}) {
            if (own != null && !own.isBlank()) {
                alike = alike.replace(own, "\u0000");
            }
        }
        return NUMBERS.matcher(alike).replaceAll("#");
    }
}
