package dev.baton.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The window's one way to work off the FX thread: the work runs on the app's executor, its result comes
 * back on the FX thread, and a failure reaches the {@link ErrorReporter} once. Nothing here blocks a
 * thread waiting for another.
 */
public final class Background {
    private final Executor executor;
    private final ErrorReporter errors;

    public Background(Executor executor, ErrorReporter errors) {
        this.executor = executor;
        this.errors = errors;
    }

    public Executor executor() {
        return executor;
    }

    public ErrorReporter errors() {
        return errors;
    }

    /** Runs {@code work} on the executor; {@code then} gets its result on the FX thread. */
    public <T> void run(String failing, Callable<T> work, Consumer<T> then) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(() -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, executor);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            return; // the window is closing: nothing is left to show a result in
        }
        onFx(future, failing, then);
    }

    /** When {@code future} completes: its value to {@code then} on the FX thread, or its failure reported. */
    public <T> void onFx(CompletableFuture<T> future, String failing, Consumer<T> then) {
        future.whenComplete((value, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                then.accept(value);
            } else {
                errors.report(failing, cause(failure));
            }
        }));
    }

    /** The exception a future's wrapping hides. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
