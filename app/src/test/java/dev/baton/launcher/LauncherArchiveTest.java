package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archives the {@code baton} launcher writes and maps: one made from another jar never reaches
 * the JVM (it would refuse it with a warning on the command's output), none is written where another user
 * could write, and a command whose run failed leaves none behind. Runs the real script with the real
 * {@code java} on a small jar.
 */
class LauncherArchiveTest {

    @TempDir
    Path root;

    @Test
    void anArchiveOfAReplacedJarIsNeverMappedEvenWhenTheJarLooksOlder() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);
        assertThat(checkout.launch(Map.of()).exit()).isZero(); // the window's first run writes its archive
        assertThat(checkout.archives()).hasSize(1);

        // Another build put in place with an older time than the archive's, as a copy that keeps times does.
        checkout.writeJar("another build");
        Files.setLastModifiedTime(checkout.jar(), FileTime.from(Instant.now().minusSeconds(60)));
        LauncherCheckout.Result result = checkout.launch(Map.of());

        assertThat(result.exit()).isZero();
        assertThat(result.stdout() + result.stderr()).doesNotContain("cds").doesNotContain("shared archive");
        assertThat(result.stdout()).startsWith("baton.shell=");
        assertThat(checkout.archives()).hasSize(1); // the old one gone, this jar's written
    }

    @Test
    void noArchiveIsWrittenOrMappedInAFolderOthersCanWrite() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);
        Files.setPosixFilePermissions(checkout.target(), PosixFilePermissions.fromString("rwxrwxrwx"));

        LauncherCheckout.Result window = checkout.launch(Map.of());
        LauncherCheckout.Result run = checkout.launch(Map.of(), "run", "--node", "n1");

        assertThat(window.exit()).isZero();
        assertThat(run.exit()).isZero();
        assertThat(checkout.archives()).isEmpty();
    }

    @Test
    void aRunThatFailedLeavesNoArchiveAndItsStatusIsKept() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);

        LauncherCheckout.Result failed = checkout.launch(Map.of(), "run", "--node", "n1", "exit=3");

        assertThat(failed.exit()).isEqualTo(3);
        assertThat(checkout.archives()).isEmpty();

        LauncherCheckout.Result ran = checkout.launch(Map.of(), "run", "--node", "n1");

        assertThat(ran.exit()).isZero();
        assertThat(ran.stdout() + ran.stderr()).doesNotContain("cds");
        assertThat(checkout.archives()).singleElement().satisfies(archive ->
                assertThat(archive.getFileName().toString()).startsWith("baton-run.").endsWith(".jsa"));
        LauncherCheckout.Result again = checkout.launch(Map.of(), "run", "--node", "n1", "exit=4");
        assertThat(again.exit()).isEqualTo(4);
        assertThat(checkout.archives()).hasSize(1);
    }

    @Test
    void aWindowEndedBySigtermEndsWithTheLauncherAndKeepsItsArchive() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);
        Process launcher = checkout.start(Map.of(), "--runbooks=" + root, "wait");
        long jvm = javaPid(checkout);

        launcher.destroy(); // SIGTERM to the launcher, as a logout or `kill` sends it
        LauncherCheckout.Result ended = checkout.finish(launcher);

        boolean outlived = ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false);
        ProcessHandle.of(jvm).ifPresent(ProcessHandle::destroyForcibly); // a failed run leaves no JVM waiting forever
        assertThat(outlived).as("the JVM outlived its launcher").isFalse();
        assertThat(ended.exit()).isEqualTo(143);
        assertThat(checkout.archives()).singleElement().satisfies(archive ->
                assertThat(archive.getFileName().toString()).startsWith("baton-window.").endsWith(".jsa"));
    }

    @Test
    void aRunThatWritesItsArchiveStillReadsItsInput() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);
        Process launcher = checkout.start(Map.of(), "run", "--node", "n1", "echo-input");
        launcher.getOutputStream().write("yes\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        launcher.getOutputStream().flush();

        LauncherCheckout.Result ran = checkout.finish(launcher);

        assertThat(ran.exit()).isZero();
        assertThat(ran.stdout()).contains("input=[yes]");
        assertThat(checkout.archives()).singleElement().satisfies(archive ->
                assertThat(archive.getFileName().toString()).startsWith("baton-run."));
    }

    @Test
    void aRunsArchiveHoldsTheClassesOfOldClassFilesToo() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);
        assertThat(checkout.launch(Map.of(), "run", "--node", "n1", "old-format").exit()).isZero(); // writes it

        LauncherCheckout.Result again = checkout.launch(Map.of("BATON_JAVA_OPTS", "-Xlog:class+load=info"), "run",
                "--node", "n1", "old-format");

        assertThat(again.exit()).isZero();
        assertThat(again.stdout()).contains("old-format\n")
                .contains(OldFormat.class.getName() + " source: shared objects file");
    }

    @Test
    void anotherJvmGetsAnArchiveOfItsOwn() throws Exception {
        LauncherCheckout checkout = new LauncherCheckout(root);
        assertThat(checkout.launch(Map.of(), "run", "--node", "n1").exit()).isZero();
        Path first = checkout.archives().get(0);
        // Another JDK on the PATH, as an update or a newer install puts one: here a `java` that starts this one.
        Path bin = Files.createDirectories(root.resolve("other-jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + ProcessHandle.current().info().command().orElseThrow() + "' \"$@\"\n");
        java.toFile().setExecutable(true);

        LauncherCheckout.Result other = checkout.launch(Map.of("PATH", bin + ":" + System.getenv("PATH")), "run",
                "--node", "n1");

        assertThat(other.exit()).isZero();
        assertThat(other.stdout() + other.stderr()).doesNotContain("cds").doesNotContain("shared archive");
        assertThat(checkout.archives()).singleElement().isNotEqualTo(first); // the first one's JVM is not this one
    }

    /** The process id the launched program printed, once it has (the launcher's JVM is running). */
    private static long javaPid(LauncherCheckout checkout) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher pid = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(checkout.output());
            if (pid.find()) {
                return Long.parseLong(pid.group(1));
            }
            Thread.onSpinWait();
            Thread.sleep(20);
        }
        throw new AssertionError("the launched program never said its process id");
    }
}
