package dev.baton.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What the first {@code baton run} after a build runs, when {@code ./baton} sets the {@code baton.training.runbooks}
 * property to the folder of the runbooks Baton ships: the user's run as always, then, when it ended well, an
 * incident opened and written to in a throwaway data folder, quietly. The JVM writes the class-data archive of {@code run} as it exits, and a run recorded in an incident loads some
 * 650 classes (Jackson, the incident's store) that a run with no incident open never does: written by such a
 * run, the archive left a recorded run 0.3 s of CPU slower than one trained on both.
 */
public final class RunArchiveTraining {
    private RunArchiveTraining() {
    }

    public static void main(String[] args) {
        System.exit(runThenTrain(args));
    }

    /** Runs the command {@code args}; when it ended well, records in a throwaway incident. Its exit status. */
    static int runThenTrain(String... args) {
        BatonCommand.WindowOpener noWindow = (runbooks, inventories) -> {
            throw new IllegalStateException("training runs commands only");
        };
        int status = BatonCommand.execute(noWindow, args);
        String runbooks = System.getProperty("baton.training.runbooks");
        if (status == 0 && runbooks != null) {
            recordQuietly(noWindow, Path.of(runbooks));
        }
        return status;
    }

    /**
     * Opens an incident for an alert of the shipped runbooks in a throwaway folder and adds a note to it; true
     * when the note was written. Prints nothing, and leaves neither the folder nor the {@code baton.data} property.
     */
    static boolean recordQuietly(BatonCommand.WindowOpener noWindow, Path runbooks) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String dataProperty = System.getProperty("baton.data");
        boolean noted = false;
        Path data = null;
        try {
            data = Files.createTempDirectory("baton-training");
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            Path alert = Files.writeString(data.resolve("alert.json"),
                    "[{\"labels\":{\"alertname\":\"NodeDown\",\"instance\":\"training\"},\"annotations\":{}}]");
            System.setProperty("baton.data", data.resolve("baton").toString());
            BatonCommand.execute(noWindow, "open-alert", "--dir", runbooks.toString(), "--data",
                    data.resolve("baton").toString(), alert.toString());
            try (Stream<Path> incidents = Files.list(data.resolve("baton").resolve("incidents"))) {
                for (Path incident : incidents.filter(Files::isDirectory).toList()) {
                    noted = BatonCommand.execute(noWindow, "incident", "note", incident.getFileName().toString(),
                            "training") == 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Training only: the archive then holds fewer classes, and the user's run is done already.
        } finally {
            System.setOut(out);
            System.setErr(err);
            if (dataProperty == null) {
                System.clearProperty("baton.data");
            } else {
                System.setProperty("baton.data", dataProperty);
            }
            deleteQuietly(data);
        }
        return noted;
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // A temporary folder left behind; the system's cleaner takes it.
        }
    }
}
