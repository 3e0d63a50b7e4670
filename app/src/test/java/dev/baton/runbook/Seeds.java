package dev.baton.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The five external runbook collections Baton must read. Their tests carry {@link #TAG}: the build leaves
 * them out unless it is given {@code -Dbaton.seeds=DIR}, and then they fail if DIR does not hold them.
 */
public final class Seeds {
    /** The JUnit tag of the tests that read the external collections. */
    public static final String TAG = "seeds";

    public static final String BLIXARD = "000_3a62f3f3a4b96899.txt";
    public static final String GUTS = "001_9cb9dbd2eb45126d.txt";
    public static final String AITBC = "002_c9612990a83d77a7.txt";
    public static final String PIVOTAL = "003_026645b7089a8f2d.txt";
    public static final String VIRTENGINE = "004_8ffaf25d778ecc92.txt";
    public static final List<String> ALL = List.of(BLIXARD, GUTS, AITBC, PIVOTAL, VIRTENGINE);

    private Seeds() {
    }

    public static Path folder() {
        String given = System.getProperty("baton.seeds");
        assertThat(given).as("the seed collections' folder: run with -Dbaton.seeds=DIR").isNotBlank();
        Path folder = Path.of(given);
        assertThat(folder).as("seed collections (-Dbaton.seeds; a relative path is read from %s)",
                Path.of("").toAbsolutePath()).isDirectory();
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
