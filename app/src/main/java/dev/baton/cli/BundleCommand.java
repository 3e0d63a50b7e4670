package dev.baton.cli;

import dev.baton.handoff.BundleException;
import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.Redactor;
import dev.baton.handoff.SignaturePolicy;
import dev.baton.incident.IncidentBusyException;
import dev.baton.incident.IncidentStore;
import dev.baton.incident.OpenIncident;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.Handoffs;
import dev.baton.session.Signers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bundle", description = "Hand an incident over: export it as one .baton file, check one, open one.",
        subcommands = {BundleCommand.Export.class, BundleCommand.Verify.class, BundleCommand.Show.class,
                BundleCommand.Import.class})
final class BundleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "export", description = {
        "Write an incident (its id in the data folder, or its folder) as a handoff bundle. Secrets found are",
        "redacted and listed; --keep ID leaves one in. The incident must not be open in a Baton window."})
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "INCIDENT", description = "Incident id (see the data folder) or its folder.")
        String incident;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Default: INCIDENT.baton here.")
        Path output;

        @Option(names = "--note", paramLabel = "TEXT", description = "The handoff note: state, pending, next steps, questions.")
        String note = "";

        @Option(names = "--note-file", paramLabel = "FILE", description = "Read the handoff note from a file.")
        Path noteFile;

        @Option(names = "--to", paramLabel = "NAME", description = "Who takes over; Take back names them.")
        String to = "";

        @Option(names = "--force", description = "Replace FILE if it already exists.")
        boolean force;

        @Option(names = "--keep", paramLabel = "ID", description = "A finding (as listed) to leave unredacted; repeatable.")
        List<String> keep = new ArrayList<>();

        @Option(names = "--inventory", paramLabel = "FILE",
                description = "Where the nodes' connection parameters come from; repeatable. Default: ~/.ssh/config.")
        List<Path> inventories = new ArrayList<>();

        @ArgGroup(exclusive = true)
        Signing signing;

        static final class Signing {
            @Option(names = "--sign-key", paramLabel = "FILE", description = "Sign the manifest with this SSH private key.")
            Path key;

            @Option(names = "--sign-agent", description = "Sign the manifest with the first key in ssh-agent.")
            boolean agent;
        }

        @Mixin
        LibraryOption library;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            IncidentStore store = new IncidentStore(IncidentStore.defaultDataDirectory());
            Path folder = Path.of(incident);
            String id = Files.isDirectory(folder) ? folder.toAbsolutePath().normalize().getFileName().toString() : incident;
            if (Files.isDirectory(folder)) {
                store = new IncidentStore(folder.toAbsolutePath().normalize().getParent().getParent());
            }
            List<Path> files = inventories.isEmpty() && Files.exists(InventoryLoader.userSshConfig())
                    ? List.of(InventoryLoader.userSshConfig()) : inventories;
            Inventory inventory = InventoryLoader.load(files);
            RunbookLibrary runbooks = library.load();
            String text = noteFile != null ? Files.readString(noteFile) : note;
            Path destination = output != null ? output : null;
            try (OpenIncident open = store.open(id, false)) {
                if (destination == null) {
                    destination = Path.of(BundleWriter.bundleId(open.info()) + ".baton");
                }
                Handoffs.Choices choices = new Handoffs.Choices(text, new HashSet<>(keep), signer(), destination, force,
                        to);
                BundleWriter.Request request = Handoffs.withHostKeys(Handoffs.request(open, inventory::find, List.of(),
                        runbooks, IncidentStore.defaultResponder(), choices), dev.baton.ssh.KnownHosts.ofUser());
                BundleWriter.Result result = Handoffs.export(open, request, destination, force, choices.to());
                // Kind and place only: this output lands in logs, and the line around a secret may hold others.
                for (Redactor.Found found : result.found()) {
                    boolean recording = found.finding().kind().equals("recording");
                    err.println((found.kept() ? "kept " : recording ? "left out " : "redacted ")
                            + found.finding().kind() + " at " + Printable.of(found.finding().place()) + "   ["
                            + Printable.of(found.finding().id()) + "]");
                }
                out.println(result.file() + ": " + result.manifest().files().size() + " files, "
                        + result.manifest().redactions().size() + " secrets redacted, "
                        + (request.signer() == null ? "unsigned" : "signed") + ", sha256 " + result.sha256());
                return 0;
            } catch (IncidentBusyException e) {
                err.println("baton bundle export: " + e.getMessage() + "; hand off from that window (Incident ▸ Hand off…)");
                return 2;
            } catch (Handoffs.BundleExists e) {
                err.println("baton bundle export: " + Printable.of(destination.toString())
                        + " already exists; nothing was written. Use --force to replace it, or -o FILE to write elsewhere.");
                return 2;
            }
        }

        private BundleWriter.ManifestSigner signer() throws IOException {
            if (signing == null) {
                return null;
            }
            if (signing.agent) {
                try {
                    return Signers.agent(null);
                } catch (IOException e) {
                    throw new IOException("--sign-agent: " + e.getMessage(), e);
                }
            }
            try {
                return Signers.keyFile(signing.key, null);
            } catch (IOException e) {
                if (!Signers.needsPassphrase(e)) {
                    throw e;
                }
            }
            java.io.Console console = System.console();
            if (console == null) {
                throw new IOException(signing.key + " needs a passphrase and there is no terminal to ask it on");
            }
            char[] passphrase = console.readPassword("Passphrase for %s: ", signing.key);
            try {
                return Signers.keyFile(signing.key, passphrase);
            } finally {
                java.util.Arrays.fill(passphrase, ' ');
            }
        }
    }

    /** Who may have made a bundle that is opened: the same rule as the window's. */
    static final class SignerOptions {
        @Option(names = "--allowed-signers", paramLabel = "FILE", description = {
            "OpenSSH allowed_signers file: a signed bundle passes only if it lets the key sign as the responder",
            "who handed off, in the baton-handoff namespace (as ssh-keygen -Y verify checks). Default:",
            "allowed_signers in Baton's config folder ($XDG_CONFIG_HOME/baton or ~/.config/baton), if there."})
        Path allowedSigners;

        @Option(names = "--require-signed", description = "Refuse an unsigned bundle (needs --allowed-signers).")
        boolean requireSigned;

        SignaturePolicy policy() {
            return new SignaturePolicy(requireSigned, signers());
        }

        /** The file given, else the team's allowed_signers in Baton's config folder when there is one. */
        java.util.Optional<Path> signers() {
            if (allowedSigners != null) {
                return java.util.Optional.of(allowedSigners);
            }
            Path standard = dev.baton.team.TeamSettings.defaultAllowedSigners(System.getenv());
            return java.nio.file.Files.isRegularFile(standard) ? java.util.Optional.of(standard) : java.util.Optional.empty();
        }
    }

    @Command(name = "verify", description = {
        "Check a bundle without opening it: structure, manifest, every file's size and SHA-256, the timeline's",
        "chain, and the signature when there is one. Exit 0 when it passes, 1 when it does not."})
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin
        SignerOptions signers;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (signers.requireSigned && signers.signers().isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--require-signed needs --allowed-signers FILE (or allowed_signers in Baton's config folder): "
                                + "a signature by just anyone shows nothing");
            }
            try {
                BundleReader.Verified verified = BundleReader.verify(file);
                SignaturePolicy.Judgement signer = signers.policy().judge(verified);
                out.println(file + ": OK, " + verified.manifest().files().size() + " files, " + verified.totalBytes()
                        + " bytes, timeline of " + verified.manifest().timeline().events() + " events intact");
                out.println(signatureLine(signer));
                return 0;
            } catch (BundleException e) {
                printProblems(spec, file, e);
                spec.commandLine().getErr().println(file + ": FAILED — do not open it; ask for it again");
                return 1;
            }
        }
    }

    private static void printProblems(CommandSpec spec, Path file, BundleException e) {
        e.problems().forEach(problem -> spec.commandLine().getErr().println(file + ": " + Printable.of(problem)));
    }

    /** An unsigned bundle (or one nobody checked the signer of) is said so first, in capitals. */
    static String signatureLine(SignaturePolicy.Judgement signer) {
        return (signer.status() == SignaturePolicy.Status.UNSIGNED ? "WARNING: " : "") + Printable.of(signer.text());
    }

    @Command(name = "show", description = "Verify a bundle and print what it holds.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BundleReader.Verified verified;
            try {
                verified = BundleReader.verify(file);
            } catch (BundleException e) {
                printProblems(spec, file, e);
                return 1;
            }
            SignaturePolicy.Judgement signer;
            try {
                signer = SignaturePolicy.none().judge(verified);
            } catch (BundleException e) {
                printProblems(spec, file, e);
                return 1;
            }
            var m = verified.manifest();
            // Every string here is the sender's: printed escaped, it cannot draw a line of its own.
            out.println("Incident:   " + Printable.of(m.incident().title()) + " (" + Printable.of(m.incident().id()) + ")");
            out.println("Severity:   " + Printable.of(m.incident().severity()) + "   alert: "
                    + Printable.of(m.incident().alert()));
            out.println("Started:    " + Printable.of(m.incident().startedAt()) + " by "
                    + Printable.of(m.incident().responder()));
            out.println("Handed off: " + Printable.of(m.createdAt()) + " by " + Printable.of(m.createdBy()) + " ("
                    + Printable.of(m.app()) + ")");
            out.println("Signature:  " + signatureLine(signer));
            out.println("Timeline:   " + m.timeline().events() + " events, head " + Printable.of(m.timeline().headHash()));
            out.println("Runbooks:   " + (m.runbooks().isEmpty() ? "none" : String.join(", ",
                    m.runbooks().stream().map(r -> Printable.of(r.title()) + " (" + Printable.of(r.file()) + ")").toList())));
            out.println("Redacted:   " + m.redactions().size() + (m.kept().isEmpty() ? "" : ", kept by the responder: "
                    + m.kept().size()));
            m.redactions().forEach(r -> out.println("  " + Printable.of(r.kind()) + " at " + Printable.of(r.file())
                    + (r.line() == 0 ? "" : " line " + r.line()) + (r.field().isEmpty() ? "" : ", " + Printable.of(r.field()))));
            out.println("Files:");
            m.files().forEach(f -> out.println(String.format("  %10d  %s", f.size(), Printable.of(f.path()))));
            return 0;
        }
    }

    @Command(name = "import", description = "Verify a bundle and continue its incident in the data folder.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin
        SignerOptions signers;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (signers.requireSigned && signers.signers().isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--require-signed needs --allowed-signers FILE (or allowed_signers in Baton's config folder): "
                                + "a signature by just anyone shows nothing");
            }
            IncidentStore store = new IncidentStore(IncidentStore.defaultDataDirectory());
            try {
                BundleReader.Verified verified = BundleReader.verify(file);
                SignaturePolicy.Judgement signer = signers.policy().judge(verified);
                BundleImporter.Imported imported = Handoffs.importInto(store, verified);
                try (OpenIncident incident = imported.incident()) {
                    spec.commandLine().getOut().println("Continuing \"" + Printable.of(incident.info().title()) + "\" in "
                            + incident.folder() + "; " + signatureLine(signer));
                }
                return 0;
            } catch (BundleException e) {
                printProblems(spec, file, e);
                return 1;
            }
        }
    }
}
