import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Copies Baton's application jar for an installer without its native libraries, and puts the ones for
 * this system beside it: {@code java SplitNatives.java IN.jar APP_DIR PTY4J_PLATFORM JNA_PLATFORM}
 * writes APP_DIR/baton.jar, JavaFX's libraries in APP_DIR (JavaFX loads them from beside its jar
 * before unpacking them), pty4j's in APP_DIR/pty4j/PTY4J_PLATFORM and JNA's in APP_DIR/jna, for the
 * launcher's {@code pty4j.preferred.native.folder} and {@code jna.boot.library.path}. Installed
 * that way, no native library is unpacked into a cache at start; the other systems' copies are left out.
 */
public final class SplitNatives {
    private static final Pattern ROOT_NATIVE = Pattern.compile("[^/]+\\.(so|dylib|dll|jnilib)");
    private static final Pattern PTY4J = Pattern.compile("resources/com/pty4j/native/(.+)");
    private static final Pattern JNA = Pattern.compile("com/sun/jna/([^/]+-[^/]+)/(.*)");
    /** JavaFX's SWT bridge: Baton has no SWT. */
    private static final String SWT_BRIDGE = "javafx-swt.jar";

    private SplitNatives() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: java SplitNatives.java IN.jar APP_DIR PTY4J_PLATFORM JNA_PLATFORM");
        }
        Path in = Path.of(args[0]);
        Path app = Path.of(args[1]);
        String pty4jPlatform = args[2] + "/";
        String jnaPlatform = args[3];
        Files.createDirectories(app);
        int kept = 0;
        int beside = 0;
        int dropped = 0;
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(app.resolve("baton.jar")))) {
            for (ZipEntry entry; (entry = zin.getNextEntry()) != null; ) {
                String name = entry.getName();
                Matcher pty4j = PTY4J.matcher(name);
                Matcher jna = JNA.matcher(name);
                if (ROOT_NATIVE.matcher(name).matches()) {
                    copy(zin, app.resolve(name));
                    beside++;
                } else if (pty4j.matches()) {
                    if (pty4j.group(1).startsWith(pty4jPlatform) && !entry.isDirectory()) {
                        copy(zin, app.resolve("pty4j").resolve(pty4j.group(1)));
                        beside++;
                    } else {
                        dropped++;
                    }
                } else if (jna.matches()) {
                    if (jna.group(1).equals(jnaPlatform) && !entry.isDirectory()) {
                        copy(zin, app.resolve("jna").resolve(jna.group(2)));
                        beside++;
                    } else {
                        dropped++;
                    }
                } else if (name.equals(SWT_BRIDGE)) {
                    dropped++;
                } else {
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(entry.getTime());
                    zout.putNextEntry(copy);
                    zin.transferTo(zout);
                    zout.closeEntry();
                    kept++;
                }
            }
        }
        if (!Files.isDirectory(app.resolve("pty4j").resolve(args[2]))) {
            throw new IllegalStateException("the jar has no pty4j library for " + args[2]);
        }
        if (!Files.isDirectory(app.resolve("jna"))) {
            throw new IllegalStateException("the jar has no JNA library for " + jnaPlatform);
        }
        System.out.printf("%s: %d entries kept, %d native libraries beside it, %d entries for other systems left out%n",
                app.resolve("baton.jar"), kept, beside, dropped);
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
    }
}
