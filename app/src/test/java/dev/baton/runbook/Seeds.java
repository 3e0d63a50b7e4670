package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The five real runbook collections Baton must read, from ../shared/seeds. */
public final class Seeds {
    public static final String BLIXARD = "000_3a62f3f3a4b96899.txt";
    public static final String GUTS = "001_9cb9dbd2eb45126d.txt";
    public static final String AITBC = "002_c9612990a83d77a7.txt";
    public static final String PIVOTAL = "003_026645b7089a8f2d.txt";
    public static final String VIRTENGINE = "004_8ffaf25d778ecc92.txt";
    public static final List<String> ALL = List.of(BLIXARD, GUTS, AITBC, PIVOTAL, VIRTENGINE);

    private Seeds() {
    }

    public static Path folder() {
        Path folder = Path.of(System.getProperty("baton.seeds", "../../shared/seeds"));
        assertThat(folder).as("seed runbooks (shared/seeds beside the checkout)").isDirectory();
        return folder;
    }

    public static Path file(String name) {
        Path file = folder().resolve(name);
        assertThat(Files.isRegularFile(file)).as(file.toString()).isTrue();
        return file;
    }

    public static List<Runbook> parse(String name) throws RunbookReadException {
        Path file = file(name);
        return new RunbookParser().parse(name, new RunbookFileReader().read(file));
    }

    public static Path shippedRunbooks() {
        Path folder = Path.of(System.getProperty("baton.runbooks", "../runbooks"));
        assertThat(folder).as("shipped runbooks").isDirectory();
        return folder;
    }
}
