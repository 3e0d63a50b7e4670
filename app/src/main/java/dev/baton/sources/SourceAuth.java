package dev.baton.sources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * How Baton proves itself to a data source. A value names where the secret is (an environment variable
 * or a file), never the secret: it is read only when a request is made, so it cannot end up in a log
 * line, the timeline, a bundle, a {@code toString()} or an exception message.
 */
public sealed interface SourceAuth {

    /** The value of the Authorization header, read now; empty when the source needs none. */
    Optional<String> authorization(Function<String, String> environment) throws SourceException;

    /** Where the secret comes from, in words ("the environment variable PROM_TOKEN"); never the secret. */
    default String secretNames() {
        return "";
    }

    static SourceAuth none() {
        return None.INSTANCE;
    }

    /** No credentials. */
    enum None implements SourceAuth {
        INSTANCE;

        @Override
        public Optional<String> authorization(Function<String, String> environment) {
            return Optional.empty();
        }
    }

    /** {@code Authorization: Bearer …}, the token from an environment variable or a file. */
    record Bearer(String tokenEnv, Path tokenFile) implements SourceAuth {
        public Bearer {
            if ((tokenEnv == null) == (tokenFile == null)) {
                throw new IllegalArgumentException("a bearer token comes from bearer_token_env or bearer_token_file, one of them");
            }
        }

        @Override
        public Optional<String> authorization(Function<String, String> environment) throws SourceException {
            return Optional.of("Bearer " + secret(tokenEnv, tokenFile, "bearer token", environment));
        }

        @Override
        public String secretNames() {
            return "a bearer token from " + where(tokenEnv, tokenFile);
        }
    }

    /** HTTP basic authentication, the password from an environment variable or a file. */
    record Basic(String username, String passwordEnv, Path passwordFile) implements SourceAuth {
        public Basic {
            Objects.requireNonNull(username, "username");
            if ((passwordEnv == null) == (passwordFile == null)) {
                throw new IllegalArgumentException("a password comes from password_env or password_file, one of them");
            }
        }

        @Override
        public Optional<String> authorization(Function<String, String> environment) throws SourceException {
            String password = secret(passwordEnv, passwordFile, "password", environment);
            String pair = username + ":" + password;
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String secretNames() {
            return "user " + username + "'s password from " + where(passwordEnv, passwordFile);
        }
    }

    private static String where(String env, Path file) {
        return env != null ? "the environment variable " + env : "the file " + file;
    }

    private static String secret(String env, Path file, String what, Function<String, String> environment)
            throws SourceException {
        if (env != null) {
            String value = environment.apply(env);
            if (value == null || value.isBlank()) {
                throw new SourceException("the " + what + " is to come from the environment variable " + env
                        + ", which is not set");
            }
            return value.strip();
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new SourceException("the " + what + " file " + file + " is empty");
            }
            return value;
        } catch (IOException e) {
            // The exception's own message may quote nothing of the file, but say only what failed.
            throw new SourceException("the " + what + " file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
