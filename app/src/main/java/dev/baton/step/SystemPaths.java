package dev.baton.step;

import java.util.regex.Pattern;

/** Paths where a stray write, move or recursive change breaks the machine rather than a file. */
final class SystemPaths {
    private static final Pattern BLOCK_DEVICE = Pattern.compile("/dev/(sd|hd|vd|xvd|nvme|mmcblk|dm-|md)\\w*");
    /** {@code /} itself or a directory right under it: {@code chmod -R} there changes the whole system. */
    private static final Pattern TOP_LEVEL_DIRECTORY = Pattern.compile("/|/[^/\\s]+/?");
    /** /dev/null, the standard streams and terminals are fine to write to. */
    private static final Pattern SYSTEM_PATH = Pattern.compile(
            "/+(etc|boot|bin|sbin|lib|lib32|lib64|libx32|usr(?!/local)|root|var/lib|proc/sysrq-trigger)(/.*)?"
                    + "|/+dev/(?!null$|zero$|stdout$|stderr$|stdin$|tty|pts/|fd/|shm/).+|/+");

    private SystemPaths() {
    }

    static boolean isBlockDevice(String path) {
        return BLOCK_DEVICE.matcher(path).matches();
    }

    static boolean isTopLevelDirectory(String path) {
        return TOP_LEVEL_DIRECTORY.matcher(path).matches();
    }

    static boolean isSystemPath(String path) {
        return SYSTEM_PATH.matcher(path).matches();
    }
}
