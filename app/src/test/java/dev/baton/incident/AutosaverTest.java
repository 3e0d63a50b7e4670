package dev.baton.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutosaverTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private void idle() throws Exception {
        executor.schedule(() -> null, 0, TimeUnit.MILLISECONDS).get();
    }

    @Test
    void aBurstOfKeystrokesIsSavedOnceWithTheLatestText() throws Exception {
        List<String> saved = new CopyOnWriteArrayList<>();
        Autosaver saver = new Autosaver(executor, Duration.ofMillis(50), saved::add, message -> { });
        saver.changed("a");
        saver.changed("ab");
        saver.changed("abc");
        Thread.sleep(150);
        idle();
        assertThat(saved).containsExactly("abc");
    }

    @Test
    void typingThatNeverPausesIsStillSaved() throws Exception {
        List<String> saved = new CopyOnWriteArrayList<>();
        Autosaver saver = new Autosaver(executor, Duration.ofMillis(50), saved::add, message -> { });
        StringBuilder text = new StringBuilder();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < end) {
            text.append('x');
            saver.changed(text.toString());
            Thread.sleep(5);
        }
        assertThat(saved).hasSizeGreaterThan(1);
    }

    @Test
    void aFailedSaveIsReportedAndTriedAgainWithTheNextChange() throws Exception {
        List<String> saved = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean diskFull = new AtomicBoolean(true);
        Autosaver saver = new Autosaver(executor, Duration.ofMillis(10), text -> {
            if (diskFull.get()) {
                throw new java.io.IOException("No space left on device");
            }
            saved.add(text);
        }, failures::add);
        saver.changed("first");
        Thread.sleep(60);
        idle();
        assertThat(failures).containsExactly("Notes not saved: No space left on device");
        diskFull.set(false);
        saver.saveNow();
        assertThat(saved).containsExactly("first");
    }

    /** What the window's close asks about: a note typed and not yet saved, or whose save failed. */
    @Test
    void textIsPendingUntilASaveWorks() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        Autosaver saver = new Autosaver(executor, Duration.ofHours(1), text -> {
            if (failing.get()) {
                throw new java.io.IOException("disk full");
            }
        }, message -> { });
        assertThat(saver.hasPending()).isFalse();
        saver.changed("typed");
        assertThat(saver.hasPending()).isTrue();
        saver.saveNow();
        assertThat(saver.hasPending()).as("a failed save keeps the text pending").isTrue();
        failing.set(false);
        saver.saveNow();
        assertThat(saver.hasPending()).isFalse();
    }
}
