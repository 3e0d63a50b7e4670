package dev.baton.ui;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what any thread throws and nobody catches, the FX thread's frames included, while it is open. */
final class UncaughtFailures implements AutoCloseable {
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();

    UncaughtFailures() {
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> failures.add(failure));
    }

    List<Throwable> all() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
