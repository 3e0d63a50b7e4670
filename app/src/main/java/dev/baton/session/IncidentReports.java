package dev.baton.session;

import dev.baton.handoff.IncidentReport;
import dev.baton.handoff.ReportHtml;
import dev.baton.handoff.ReportMarkdown;
import dev.baton.runbook.RunbookLibrary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The post-incident report of an incident folder, for the window's Export report and {@code baton incident report}. */
public final class IncidentReports {
    /** The report's form. */
    public enum Format {
        MD, HTML;

        /** The form a file name asks for: {@code .md} or {@code .markdown} Markdown, anything else HTML. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            return name.endsWith(".md") || name.endsWith(".markdown") ? MD : HTML;
        }

        public String extension() {
            return this == MD ? ".md" : ".html";
        }
    }

    /** A report file already there, not replaced without the responder's word. */
    public static final class ReportExists extends IOException {
        public ReportExists(Path file) {
            super(file + " already exists; nothing was written");
        }
    }

    private IncidentReports() {}

    /** The report as text; MTTR targets come from {@code library}'s runbooks (null: none known). */
    public static String render(Path incidentFolder, Format format, RunbookLibrary library, Instant now)
            throws IOException {
        IncidentReport report = IncidentReport.read(incidentFolder, id -> mttr(library, id), now);
        return format == Format.MD ? ReportMarkdown.of(report) : ReportHtml.of(report);
    }

    /** Writes the report to {@code file} beside it first, then renames it into place: no half report is left. */
    public static Path write(Path incidentFolder, Format format, RunbookLibrary library, Path file, boolean replace)
            throws IOException {
        Path target = file.toAbsolutePath();
        if (!replace && Files.exists(target)) {
            throw new ReportExists(target);
        }
        String text = render(incidentFolder, format, library, Instant.now());
        Path partial = target.resolveSibling(target.getFileName() + ".baton-tmp");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }

    private static Optional<IncidentReport.Mttr> mttr(RunbookLibrary library, String runbookId) {
        if (library == null) {
            return Optional.empty();
        }
        return library.find(runbookId).flatMap(runbook -> runbook.mttrTarget()
                .map(target -> new IncidentReport.Mttr(runbook.title().isBlank() ? runbookId : runbook.title(), target)));
    }
}
