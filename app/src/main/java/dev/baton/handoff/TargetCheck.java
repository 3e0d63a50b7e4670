package dev.baton.handoff;

/**
 * Checks a node a bundle names before the receiver may connect to it: the values must be ones an inventory
 * could hold. No control characters (they would rewrite what the receiver reads), nothing that starts with
 * {@code -} where a host or user goes (read as an option by any tool that gets it on a command line), a real
 * port.
 */
final class TargetCheck {
    private TargetCheck() {}

    static void check(HandoffState.Target target) {
        plain("name", target.name());
        address("host", target.host());
        address("user", target.user());
        if (target.port() < 1 || target.port() > 65535) {
            throw new IllegalArgumentException("the port of " + printable(target.name()) + " is " + target.port()
                    + ", not a port from 1 to 65535");
        }
        target.proxyJump().forEach(hop -> address("jump host", hop));
        target.identityFiles().forEach(file -> plain("key file", file));
        target.groups().forEach(group -> plain("group", group));
        for (String key : target.hostKeys()) {
            if (!HOST_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("the host key '" + printable(key) + "' of " + printable(target.name())
                        + " is not a key type and an OpenSSH SHA256 fingerprint");
            }
        }
    }

    private static final java.util.regex.Pattern HOST_KEY =
            java.util.regex.Pattern.compile("[A-Za-z0-9@.+-]{1,64} SHA256:[A-Za-z0-9+/]{43}");

    private static void address(String what, String value) {
        plain(what, value);
        if (value.startsWith("-")) {
            throw new IllegalArgumentException("the " + what + " '" + value + "' starts with '-', which a command"
                    + " line would read as an option");
        }
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the " + what + " '" + value + "' holds a space");
        }
    }

    private static void plain(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is empty");
        }
        if (value.length() > 1024) {
            throw new IllegalArgumentException("a " + what + " is " + value.length() + " characters long");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029
                || Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("the " + what + " '" + printable(value)
                    + "' holds control or hidden characters");
        }
    }

    /** The value with control and hidden characters written as {@code \\uXXXX}, safe to show. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
