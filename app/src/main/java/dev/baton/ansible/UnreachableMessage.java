package dev.baton.ansible;

import java.util.regex.Pattern;

/**
 * Reads Ansible's words for a host it could not reach. With pipelining, Ansible's ssh connection writes the module
 * into ssh's stdin; when ssh gives up on the host (a changed host key, a refused port) while Ansible still writes,
 * and ssh has not quite exited a millisecond later, Ansible reports only its own failed write ("Data could not be
 * sent to remote host … [Errno 32] Broken pipe") and ssh's words, which say why, are lost.
 */
public final class UnreachableMessage {
    /** Longer than any such message can be (host names are plain names): anything longer holds more words. */
    private static final int LONGEST = 2048;
    private static final String WRITE_ERROR = "\\[Errno \\d{1,5}\\] [A-Za-z ]{1,80}";
    /**
     * The whole message, and nothing after the write error but the same error again (Ansible appends the original
     * exception's words): ssh's own words, when Ansible has them, follow the colon instead.
     */
    private static final Pattern ONLY_THE_WRITE = Pattern.compile("Data could not be sent to remote host"
            + " \"[^\"\\p{Cntrl}]{1,1024}\"\\. Make sure this host can be reached over ssh: " + WRITE_ERROR
            + "(?:\\. " + WRITE_ERROR + ")?\\.?");

    private UnreachableMessage() {}

    /** Whether the message says only that Ansible's write into ssh failed, without ssh's words for why. */
    public static boolean lostSshsWords(String message) {
        if (message == null || message.length() > LONGEST) {
            return false;
        }
        return ONLY_THE_WRITE.matcher(message.strip()).matches();
    }
}
