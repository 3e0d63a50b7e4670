package dev.baton.handoff;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip written and deflated on a thread of its own, in the order its steps are given, so that an export
 * scans the next block while the last is compressed: deflating takes as long as everything else an
 * export does, and a laptop has more than one core. A few blocks wait at most (half a megabyte).
 * The first failure of the zip is thrown to the caller at its next step, and by {@link #finish}.
 */
final class BackgroundZip implements AutoCloseable {
    private interface Step {
        void run(ZipOutputStream zip) throws IOException;
    }

    private static final Step END = zip -> {};
    private final BlockingQueue<Step> steps = new ArrayBlockingQueue<>(8);
    private final Thread thread;
    private volatile Throwable failure;

    BackgroundZip(OutputStream out, int level) {
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 64 * 1024));
        zip.setLevel(level);
        thread = new Thread(() -> run(zip), "bundle-zip");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(ZipOutputStream zip) {
        try {
            for (Step step = steps.take(); step != END; step = steps.take()) {
                // After a failure the steps are still taken, so that the caller never waits on a full queue.
                if (failure == null) {
                    try {
                        step.run(zip);
                    } catch (IOException | RuntimeException | Error e) {
                        failure = e;
                    }
                }
            }
        } catch (InterruptedException e) {
            // Closed before the end: the export failed, its file is being removed.
        }
    }

    void putNextEntry(ZipEntry entry) throws IOException {
        submit(zip -> zip.putNextEntry(entry));
    }

    /** Writes {@code block[0, length)}; the block is the zip's from now on, the caller must not reuse it. */
    void write(byte[] block, int length) throws IOException {
        submit(zip -> zip.write(block, 0, length));
    }

    void closeEntry() throws IOException {
        submit(ZipOutputStream::closeEntry);
    }

    /** Ends the zip and returns once all of it was handed to the output stream. */
    void finish() throws IOException {
        submit(zip -> {
            zip.finish();
            zip.flush();
        });
        submit(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the bundle was written");
        }
        rethrowFailure();
    }

    private void submit(Step step) throws IOException {
        rethrowFailure();
        try {
            steps.put(step);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the bundle was written");
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable failed = failure;
        if (failed instanceof IOException io) {
            throw io;
        } else if (failed instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failed instanceof Error error) {
            throw error;
        }
    }

    /** Stops the thread if {@link #finish} was not reached; waits for it either way. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
