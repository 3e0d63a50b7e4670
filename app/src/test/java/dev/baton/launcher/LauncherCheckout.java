package dev.baton.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A checkout holding the real {@code baton} launcher script and a small jar in place of Baton's, whose main
 * ({@link PrintsProperties}) prints the system properties it was given; its sources are older than the jar,
 * so the launcher never builds.
 */
final class LauncherCheckout {
    private final Path root;

    LauncherCheckout(Path root) throws IOException {
        this.root = root;
        Path script = root.resolve("baton");
        Files.copy(Path.of(System.getProperty("user.dir")).getParent().resolve("baton"), script);
        script.toFile().setExecutable(true);
        Files.createDirectories(root.resolve("app/src/main"));
        Files.copy(Path.of(System.getProperty("user.dir")).resolve("window-compiler.json"),
                root.resolve("app/window-compiler.json"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("app/pom.xml"), "<project/>");
        Files.createDirectories(jar().getParent());
        writeJar("");
    }

    Path jar() {
        return root.resolve("app/target/baton.jar");
    }

    Path target() {
        return jar().getParent();
    }

    /** Writes the jar again, with {@code extra} in one more entry (so that it differs), and sources older still. */
    void writeJar(String extra) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, PrintsProperties.class.getName());
        String entry = PrintsProperties.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar());
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream clazz = PrintsProperties.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            clazz.transferTo(out);
            out.closeEntry();
            out.putNextEntry(new JarEntry(OldFormat.class.getName().replace('.', '/') + ".class"));
            out.write(asOldClassFile(OldFormat.class));
            out.closeEntry();
            if (!extra.isEmpty()) {
                out.putNextEntry(new JarEntry("extra.txt"));
                out.write(extra.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Instant past = Instant.now().minusSeconds(3600);
        for (Path older : List.of(root.resolve("pom.xml"), root.resolve("app/pom.xml"), root.resolve("app/src/main"))) {
            Files.setLastModifiedTime(older, FileTime.from(past));
        }
    }

    /** The class file of {@code type} marked as of release 5 (major version 49), the format picocli ships in. */
    private static byte[] asOldClassFile(Class<?> type) throws IOException {
        try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
            byte[] bytes = in.readAllBytes();
            bytes[6] = 0;
            bytes[7] = 49;
            return bytes;
        }
    }

    /** The class-data archives in the jar's folder, finished or not. */
    List<Path> archives() throws IOException {
        try (var files = Files.list(target())) {
            return files.filter(f -> f.getFileName().toString().contains(".jsa")).sorted().toList();
        }
    }

    Result launch(Map<String, String> environment, String... args) throws Exception {
        return finish(start(environment, args));
    }

    /** Starts the launcher; its output goes to files that {@link #output()} reads. */
    Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("baton").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectOutput(root.resolve("out").toFile()).redirectError(root.resolve("err").toFile());
        return builder.start();
    }

    /** What the launcher started last has written on its output so far. */
    String output() throws IOException {
        return Files.readString(root.resolve("out"));
    }

    Result finish(Process process) throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not end within two minutes");
        }
        return new Result(process.exitValue(), Files.readString(root.resolve("out")), Files.readString(root.resolve("err")));
    }

    record Result(int exit, String stdout, String stderr) {
    }
}
