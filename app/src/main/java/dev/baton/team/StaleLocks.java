package dev.baton.team;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .lock} files a git killed mid-operation leaves in Baton's own repository ({@code index.lock},
 * {@code packed-refs.lock}, a ref's {@code .lock}): git refuses to touch what they lock until someone removes them,
 * so one Baton killed at the wrong moment would stop every later sync. Every git Baton runs is stopped at its
 * deadline, so a lock older than {@link #SAFE_AGE} (twice the longest deadline) cannot belong to a git still at
 * work and is removed; a younger one is left alone, for it may be another Baton's (the window and the CLI share the
 * repository), and the sync after it turns stale goes on. Only regular files inside the repository are removed:
 * a symbolic link is never followed.
 */
final class StaleLocks {
    private static final Logger LOG = LoggerFactory.getLogger(StaleLocks.class);

    private final Path gitDir;
    private final Duration safeAge;
    private final Clock clock;

    StaleLocks(Path gitDir, Duration safeAge, Clock clock) {
        this.gitDir = gitDir;
        this.safeAge = safeAge;
        this.clock = clock;
    }

    /** Removes the stale locks; returns them (relative to the repository), for the log and tests. */
    List<Path> clean() {
        List<Path> removed = new ArrayList<>();
        Instant before = clock.instant().minus(safeAge);
        for (Path lock : candidates()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(lock, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(before)) {
                    Files.deleteIfExists(lock);
                    removed.add(gitDir.relativize(lock));
                }
            } catch (IOException e) {
                LOG.warn("Could not remove the stale git lock {}", lock, e);
            }
        }
        if (!removed.isEmpty()) {
            LOG.info("Removed git locks left by an interrupted git in {}: {}", gitDir, removed);
        }
        return removed;
    }

    /** The repository's own lock files and every ref's, never leaving the repository. */
    private List<Path> candidates() {
        List<Path> locks = new ArrayList<>();
        for (String top : List.of("index.lock", "packed-refs.lock", "HEAD.lock", "config.lock", "shallow.lock")) {
            Path lock = gitDir.resolve(top);
            if (Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
                locks.add(lock);
            }
        }
        Path refs = gitDir.resolve("refs");
        if (Files.isDirectory(refs, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(refs)) { // Files.walk does not follow links by default
                walk.filter(path -> path.getFileName().toString().endsWith(".lock")).forEach(locks::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                LOG.warn("Could not look for stale git locks in {}", refs, e);
            }
        }
        return locks;
    }
}
