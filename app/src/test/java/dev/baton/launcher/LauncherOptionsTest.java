package dev.baton.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code baton} launcher script reads {@code BATON_JAVA_OPTS} as a shell reads words: a quoted
 * value with spaces reaches the JVM whole. It runs the real script with the real {@code java} on a
 * small jar that prints the system properties it was given.
 */
class LauncherOptionsTest {

    @TempDir
    Path checkout;

    @Test
    void aQuotedValueWithSpacesReachesTheJvmWhole() throws Exception {
        Result result = launch("-Dbaton.shell='/bin/zsh -l' -Dbaton.responder=\"ana maria\" -Dother=a\\ b");

        assertThat(result.stderr()).doesNotContain("Unrecognized option");
        assertThat(result.stdout()).contains("baton.shell=[/bin/zsh -l]\n", "baton.responder=[ana maria]\n",
                "other=[a b]\n");
        assertThat(result.exit()).isZero();
    }

    @Test
    void plainWordsStillWork() throws Exception {
        Result result = launch("-Dbaton.shell=/bin/bash   -Dbaton.responder=ana");

        assertThat(result.stdout()).contains("baton.shell=[/bin/bash]\n", "baton.responder=[ana]\n");
        assertThat(result.exit()).isZero();
    }

    @Test
    void shellSyntaxInTheVariableIsNeverRun() throws Exception {
        Path marker = checkout.resolve("ran");
        Result result = launch("-Dbaton.shell=\"$(touch " + marker + ")\" `touch " + marker + "`; touch " + marker);

        assertThat(marker).doesNotExist();
        assertThat(result.stdout() + result.stderr()).doesNotContain("Unrecognized option: -l");
    }

    @Test
    void anUnmatchedQuoteIsSaidPlainly() throws Exception {
        Result result = launch("-Dbaton.shell='/bin/zsh -l");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.stderr()).contains("BATON_JAVA_OPTS").contains("quote");
    }

    private Result launch(String javaOpts) throws Exception {
        Path script = checkout.resolve("baton");
        Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("baton"), script);
        script.toFile().setExecutable(true);
        // The launcher builds the jar when a source is newer: a checkout whose jar is newest.
        Files.createDirectories(checkout.resolve("app/src/main"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>");
        Files.writeString(checkout.resolve("app/pom.xml"), "<project/>");
        Path jar = checkout.resolve("app/target/baton.jar");
        Files.createDirectories(jar.getParent());
        writeJar(jar);
        Instant past = Instant.now().minusSeconds(3600);
        for (Path older : List.of(checkout.resolve("pom.xml"), checkout.resolve("app/pom.xml"),
                checkout.resolve("app/src/main"))) {
            Files.setLastModifiedTime(older, FileTime.from(past));
        }
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "print-properties");
        builder.environment().put("BATON_JAVA_OPTS", javaOpts);
        builder.redirectOutput(checkout.resolve("out").toFile()).redirectError(checkout.resolve("err").toFile());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not end within two minutes");
        }
        return new Result(process.exitValue(), Files.readString(checkout.resolve("out")),
                Files.readString(checkout.resolve("err")));
    }

    private static void writeJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintsProperties.class.getName());
        String entry = PrintsProperties.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream clazz = PrintsProperties.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            clazz.transferTo(out);
            out.closeEntry();
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }
}
