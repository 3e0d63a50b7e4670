package dev.baton.cli;

import org.slf4j.LoggerFactory;

/**
 * Logback's start (its classes, the pattern's compiling, the JDK's first string concatenations: 50–100 ms of a
 * {@code baton run}) on a thread of its own while the command reads its step, inventory and plan, none of which
 * logs. {@link #await()} before anything that may: slf4j hands a logger asked for while another thread sets it up
 * a stand-in that queues its lines and replays them under a warning of its own on stderr.
 */
final class LoggingStart {
    private final Thread thread;

    private LoggingStart(Thread thread) {
        this.thread = thread;
    }

    static LoggingStart begin() {
        Thread thread = new Thread(LoggerFactory::getILoggerFactory, "baton-logging-start");
        thread.setDaemon(true);
        thread.start();
        return new LoggingStart(thread);
    }

    /** Returns once logging is set up. */
    void await() throws InterruptedException {
        thread.join();
    }
}
