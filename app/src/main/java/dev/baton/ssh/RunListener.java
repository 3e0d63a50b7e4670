package dev.baton.ssh;

/** Receives a run's output as it arrives, on the run's own threads. */
public interface RunListener {
    default void stdout(byte[] bytes, int offset, int length) {}

    default void stderr(byte[] bytes, int offset, int length) {}

    RunListener NONE = new RunListener() {};
}
