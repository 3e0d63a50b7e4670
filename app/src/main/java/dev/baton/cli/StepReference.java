package dev.baton.cli;

import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookFileReader;
import dev.baton.runbook.RunbookParser;
import dev.baton.runbook.RunbookReadException;
import dev.baton.runbook.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code FILE#N} or {@code FILE#ANCHOR#N}: a step of a runbook file, as the commands address one. */
record StepReference(Path file, Runbook runbook, Step step) {

    static StepReference resolve(String reference) throws IOException {
        int hash = reference.lastIndexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("--step takes FILE#N, e.g. runbooks/disk-full.md#2");
        }
        int number;
        try {
            number = Integer.parseInt(reference.substring(hash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("step number '" + reference.substring(hash + 1) + "' is not a number");
        }
        String runbookRef = reference.substring(0, hash);
        int anchorAt = runbookRef.indexOf('#');
        Path file = Path.of(anchorAt < 0 ? runbookRef : runbookRef.substring(0, anchorAt));
        String anchor = anchorAt < 0 ? "" : runbookRef.substring(anchorAt + 1);
        List<Runbook> runbooks;
        try {
            runbooks = new RunbookParser().parse(file.toString(), new RunbookFileReader().read(file));
        } catch (RunbookReadException e) {
            throw new IOException(e.getMessage(), e);
        }
        Optional<Runbook> runbook = runbooks.stream()
                .filter(candidate -> anchor.isEmpty() || candidate.id().endsWith("#" + anchor))
                .findFirst();
        if (runbook.isEmpty()) {
            throw new IllegalArgumentException(file + " has no runbook '#" + anchor + "'");
        }
        Step step = runbook.get().step(number).orElseThrow(() -> new IllegalArgumentException(
                reference + ": no step " + number + " (the runbook has " + runbook.get().steps().size() + ")"));
        return new StepReference(file, runbook.get(), step);
    }
}
