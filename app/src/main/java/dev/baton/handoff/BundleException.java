package dev.baton.handoff;

import java.io.IOException;
import java.util.List;

/** A bundle Baton will not open or could not write, with every reason found, each written for the responder. */
public final class BundleException extends IOException {
    private final List<String> problems;

    public BundleException(String problem) {
        this(List.of(problem));
    }

    public BundleException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
