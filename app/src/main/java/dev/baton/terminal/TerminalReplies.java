package dev.baton.terminal;

import java.util.regex.Pattern;

/**
 * Which answers the emulator may send back to the program in the terminal. Replies with fixed shapes
 * (cursor position, device attributes, colour queries) are allowed; anything else, notably title
 * reports and DECRQSS answers that echo text a remote program chose, could be read by the shell as
 * typed input, so it is never sent.
 */
public final class TerminalReplies {
    private static final Pattern ALLOWED = Pattern.compile(
            "\u001b\\[\\d{1,4};\\d{1,4}R"                              // cursor position report
                    + "|\u001b\\[[?>]?[\\d;]{0,40}c"                    // device attributes
                    + "|\u001b\\[\\??\\d{1,3}n"                          // status report: ok
                    + "|\u001b\\[\\??[\\d;]{1,20}\\$y"                    // mode report
                    + "|\u001b\\]1[01];rgb:[0-9a-fA-F]{1,4}/[0-9a-fA-F]{1,4}/[0-9a-fA-F]{1,4}(\u0007|\u001b\\\\)" // colours
                    + "|\u001b\\]4;\\d{1,3};rgb:[0-9a-fA-F]{1,4}/[0-9a-fA-F]{1,4}/[0-9a-fA-F]{1,4}(\u0007|\u001b\\\\)");

    private TerminalReplies() {
    }

    public static boolean allowed(String reply) {
        return ALLOWED.matcher(reply).matches();
    }
}
