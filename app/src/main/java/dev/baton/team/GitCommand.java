package dev.baton.team;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} command on Baton's own repository. Every argument is an element of argv (no shell ever
 * reads one); git never prompts ({@code GIT_TERMINAL_PROMPT=0}, stdin closed), runs no hook
 * ({@code core.hooksPath=/dev/null}) and is stopped when it overruns its deadline. The user's own git and SSH
 * set-up (ssh config, agent, credential helpers) is used as it is: that is why Baton runs git.
 */
public final class GitCommand {
    /** What git answered. */
    public record Result(int exit, byte[] out, String err) {
        public String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private final Path gitDir;
    private final Map<String, String> environment;
    private final Duration deadline;

    /**
     * @param environment added to Baton's own (e.g. {@code GIT_SSH_COMMAND} in a test)
     */
    public GitCommand(Path gitDir, Map<String, String> environment, Duration deadline) {
        this.gitDir = gitDir;
        this.environment = Map.copyOf(environment);
        this.deadline = deadline;
    }

    public Path gitDir() {
        return gitDir;
    }

    /** Runs git with {@code args}; an exit status other than 0 is an error naming what git said. */
    public Result ok(byte[] stdin, String... args) throws TeamException {
        Result result = run(stdin, args);
        if (result.exit() != 0) {
            throw new TeamException("git " + args[0] + " failed: " + firstLines(result.err()));
        }
        return result;
    }

    public Result ok(String... args) throws TeamException {
        return ok(null, args);
    }

    /** Runs git with {@code args} and returns whatever it answered, exit status included. */
    public Result run(byte[] stdin, String... args) throws TeamException {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir.toAbsolutePath(),
                "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "credential.interactive=false"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        builder.environment().remove("GIT_DIR");
        builder.environment().remove("GIT_WORK_TREE");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TeamException("Baton keeps shared incidents with the git command, which could not be run: "
                    + e.getMessage(), e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // git stopped reading: its exit status and stderr say why.
        }
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new TeamException("git " + args[0] + " did not finish within " + deadline.toSeconds()
                        + " s and was stopped");
            }
            return new Result(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TeamException("git " + args[0] + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new TeamException("git " + args[0] + ": its output could not be read", e);
        }
    }

    private static byte[] drain(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** git's own words, at most three lines of them, control characters out. */
    static String firstLines(String text) {
        String[] lines = text.strip().split("\n");
        StringBuilder said = new StringBuilder();
        for (int i = 0; i < Math.min(3, lines.length); i++) {
            if (i > 0) {
                said.append(" / ");
            }
            said.append(lines[i].replaceAll("\\p{Cntrl}", " ").strip());
        }
        return said.length() == 0 ? "(git said nothing)" : said.toString();
    }
}
