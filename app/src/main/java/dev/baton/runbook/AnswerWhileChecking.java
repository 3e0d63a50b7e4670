package dev.baton.runbook;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.function.Predicate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;

/**
 * A repeat search or alert lookup answered from the index on disk while another thread checks the index against
 * the folder (the walk, the manifest and each file's status: a fifth of a repeat command on two cores). The answer
 * is kept only when the check finds every file as the index has it and no commit came after the one the answer was
 * read from, which is what checking first and then opening the index guarantees; otherwise it is thrown away and the
 * caller brings the index up to date and asks again.
 */
final class AnswerWhileChecking {
    /** Starts a freshness check; whoever waits for it runs it when it has not begun (tests start none). */
    interface CheckStarter {
        <C> RunnableFuture<C> start(Callable<C> check);
    }

    /** A question answered from an open reader of the index; it may wait for the check ({@link Outcome#check}). */
    interface Question<T, C> {
        T answer(DirectoryReader reader, Check<C> check) throws IOException;
    }

    /** The check's result, waited for. */
    interface Check<C> {
        C get() throws IOException;
    }

    /**
     * The answer, when kept ({@code answered}); the check's result when it ran to the end (null when it failed); and
     * whether the index could be opened at all (when not, the check assumed an index and is not to be used).
     */
    record Outcome<T, C>(boolean answered, T answer, C check, boolean opened) {}

    /** The check on a thread of its own: a daemon, so that a command never waits for a walk it no longer needs. */
    static final CheckStarter ON_A_THREAD = new CheckStarter() {
        @Override
        public <C> RunnableFuture<C> start(Callable<C> check) {
            FutureTask<C> task = new FutureTask<>(check);
            Thread thread = new Thread(task, "index-check");
            thread.setDaemon(true);
            thread.start();
            return task;
        }
    };

    private AnswerWhileChecking() {
    }

    /**
     * Answers {@code question} from the index in {@code directory} while {@code check}, already started, runs; the
     * answer is kept when {@code current} says the check found the index up to date and the reader it was read from
     * still reads the newest commit.
     */
    static <T, C> Outcome<T, C> answer(Directory directory, RunnableFuture<C> check, Predicate<C> current,
            Question<T, C> question) {
        Check<C> waited = () -> await(check);
        DirectoryReader reader;
        try {
            reader = DirectoryReader.open(directory);
        } catch (IOException | RuntimeException e) {
            return new Outcome<>(false, null, null, false); // no index yet, or a damaged one: the usual way says which
        }
        try (reader) {
            T answer = question.answer(reader, waited);
            C checked = waited.get();
            // Newest commit last: the check's manifest describes a commit no newer than the one current then.
            boolean kept = current.test(checked) && reader.isCurrent();
            return new Outcome<>(kept, kept ? answer : null, checked, true);
        } catch (IOException | RuntimeException e) {
            return new Outcome<>(false, null, checkedOrNull(check), true);
        }
    }

    private static <C> C await(RunnableFuture<C> check) throws IOException {
        check.run(); // returns at once when the check's thread has it
        try {
            return check.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    private static <C> C checkedOrNull(RunnableFuture<C> check) {
        try {
            return await(check);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
