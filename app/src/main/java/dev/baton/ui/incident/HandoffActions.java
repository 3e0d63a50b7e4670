package dev.baton.ui.incident;

import dev.baton.handoff.BundleException;
import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.session.Handoffs;
import dev.baton.session.IncidentSession;
import dev.baton.session.Signers;
import dev.baton.ui.Background;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Hand off and Open handoff: the dialogs. What goes into a bundle, how one is checked and how its incident
 * continues are {@link Handoffs}'s, done off the FX thread (the incident's own thread for anything that
 * touches the incident).
 */
public final class HandoffActions {
    private final IncidentSession incident;
    private final Background background;
    private final Consumer<String> status;
    private final Supplier<Inventory> inventory;
    private final Supplier<List<HandoffState.Terminal>> terminals;
    private final Supplier<RunbookLibrary> library;
    private final Consumer<Handoffs.HandedOffNodes> handedOffNodes;
    private final dev.baton.ssh.KnownHosts knownHosts;
    private final Supplier<Window> owner;

    public HandoffActions(IncidentSession incident, Background background, Consumer<String> status,
            Supplier<Inventory> inventory, Supplier<List<HandoffState.Terminal>> terminals,
            Supplier<RunbookLibrary> library, Consumer<Handoffs.HandedOffNodes> handedOffNodes,
            dev.baton.ssh.KnownHosts knownHosts, Supplier<Window> owner) {
        this.knownHosts = knownHosts;
        this.incident = incident;
        this.background = background;
        this.status = status;
        this.inventory = inventory;
        this.terminals = terminals;
        this.library = library;
        this.handedOffNodes = handedOffNodes;
        this.owner = owner;
    }

    /** The sender takes back the incident they handed off, once they confirm it, knowing it may fork. */
    public void takeBack() {
        background.onFx(Handoffs.takeBackQuestion(incident, java.time.ZoneId.systemDefault()), "Not taken back",
                question -> {
            if (question.isEmpty()) {
                status.accept("Nothing to take back: the open incident was not handed off from here");
                return;
            }
            if (TakeBackConfirmation.ask(owner.get(), question.get()[0], question.get()[1])) {
                background.onFx(incident.takeBack(), "Not taken back", done -> status.accept(
                        "Taken back: the incident is yours to record into again"));
            } else {
                status.accept("Not taken back: the incident stays read-only here");
            }
        });
    }

    private record Ready(Handoffs.Prepared prepared, List<Signers.Choice> signing) {}

    /** Asks for the note and choices, then writes the bundle. */
    public void handOff() {
        Inventory nodes = inventory.get();
        status.accept("Looking for secrets before the handoff…");
        var preparing = Handoffs.prepare(incident, nodes::find, terminals.get(), library.get(), knownHosts)
                .thenApply(prepared -> new Ready(prepared, Signers.choices(Path.of(System.getProperty("user.home"),
                        ".ssh"))));
        background.onFx(preparing, "Cannot hand off", this::ask);
    }

    private void ask(Ready ready) {
        Handoffs.Prepared prepared = ready.prepared();
        Path suggested = Path.of(System.getProperty("user.home"), prepared.id() + ".baton");
        status.accept(prepared.found().isEmpty() ? "No secrets found in the incident."
                : prepared.found().size() + " possible secret(s) found; each will be redacted unless you keep it.");
        HandoffDialog dialog = new HandoffDialog(prepared.title(), prepared.found(), Handoffs::scanNote,
                ready.signing().stream().map(Signers.Choice::label).toList(), suggested);
        dialog.initOwner(owner.get());
        dialog.showAndWait().ifPresent(answer -> background.run("Handoff not written",
                () -> signer(ready.signing(), answer), signer -> write(prepared, answer, signer)));
    }

    private static Optional<BundleWriter.ManifestSigner> signer(List<Signers.Choice> choices,
            HandoffDialog.Answer answer) throws IOException {
        try {
            Optional<Signers.Choice> choice = Signers.find(choices, answer.signWith());
            return choice.isEmpty() ? Optional.empty() : Optional.of(Signers.of(choice.get(), answer.passphrase()));
        } finally {
            java.util.Arrays.fill(answer.passphrase(), ' ');
        }
    }

    private void write(Handoffs.Prepared prepared, HandoffDialog.Answer answer,
            Optional<BundleWriter.ManifestSigner> signer) {
        write(prepared, answer, signer, false);
    }

    /** A file already at the destination is replaced only once the responder says so. */
    private void write(Handoffs.Prepared prepared, HandoffDialog.Answer answer,
            Optional<BundleWriter.ManifestSigner> signer, boolean overwrite) {
        Handoffs.Choices choices = new Handoffs.Choices(answer.note(), answer.keep(), signer.orElse(null),
                answer.destination(), overwrite, answer.to());
        Handoffs.export(incident, prepared, choices).whenComplete((result, failure) ->
                javafx.application.Platform.runLater(() -> {
                    if (failure == null) {
                        status.accept("Handed off to " + result.file() + ": " + result.manifest().redactions().size()
                                + " secret(s) redacted, " + (signer.isEmpty() ? "unsigned" : "signed") + ".");
                    } else if (Background.cause(failure) instanceof Handoffs.BundleExists) {
                        if (confirmOverwrite(answer.destination())) {
                            write(prepared, answer, signer, true);
                        } else {
                            status.accept("Handoff not written: " + answer.destination() + " already exists");
                        }
                    } else {
                        background.errors().report("Handoff not written", Background.cause(failure));
                    }
                }));
    }

    private boolean confirmOverwrite(Path file) {
        javafx.scene.control.ButtonType replace = new javafx.scene.control.ButtonType("Replace",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.WARNING,
                file + " already exists. Replace it with this handoff? The bundle now in it is lost.", replace,
                javafx.scene.control.ButtonType.CANCEL);
        alert.initOwner(owner.get());
        alert.setTitle("Replace bundle?");
        alert.setHeaderText("A bundle file is already there");
        alert.getDialogPane().setId("handoff-overwrite");
        alert.getDialogPane().lookupButton(replace).setId("handoff-overwrite-ok");
        return alert.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL) == replace;
    }

    /** Asks for a bundle file, then opens it. */
    public void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open handoff bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Baton handoff", "*.baton"));
        Optional.ofNullable(chooser.showOpenDialog(owner.get())).ifPresent(file -> open(file.toPath()));
    }

    private record Checked(BundleReader.Verified verified, dev.baton.handoff.SignaturePolicy.Judgement signer,
            String note) {}

    /** Verifies a bundle, shows what it holds and, if the responder agrees, continues its incident. */
    public void open(Path bundle) {
        status.accept("Verifying " + bundle.getFileName() + "…");
        background.executor().execute(() -> {
            try {
                BundleReader.Verified verified = Handoffs.verify(bundle);
                var signer = dev.baton.handoff.SignaturePolicy.fromSettings().judge(verified);
                String note = BundleReader.note(verified);
                javafx.application.Platform.runLater(() -> confirm(new Checked(verified, signer, note)));
            } catch (BundleException e) {
                javafx.application.Platform.runLater(() -> refused(bundle, e));
            } catch (IOException e) {
                background.errors().report("Cannot open " + bundle, e);
            }
        });
    }

    private void refused(Path bundle, BundleException e) {
        status.accept("Refused " + bundle.getFileName() + ": " + e.problems().get(0));
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.setTitle("Handoff refused");
        alert.setHeaderText(bundle.getFileName() + " was not opened, and nothing was written.");
        alert.setContentText(String.join("\n", e.problems()));
        alert.getDialogPane().setId("handoff-refused");
        alert.show();
    }

    private void confirm(Checked checked) {
        OpenHandoffDialog dialog = new OpenHandoffDialog(checked.verified(), checked.signer(), checked.note());
        dialog.initOwner(owner.get());
        if (!dialog.showAndWait().orElse(false)) {
            return;
        }
        BundleReader.Verified verified = checked.verified();
        background.onFx(Handoffs.continueIn(incident, verified), "Could not continue the incident",
                (BundleImporter.Imported imported) -> {
                    Handoffs.HandedOffNodes targets = Handoffs.handedOffNodes(imported);
                    handedOffNodes.accept(targets);
                    status.accept("Continuing \"" + imported.incident().info().title() + "\" from "
                            + verified.manifest().createdBy() + (verified.signed() ? " (signed)" : " (unsigned)")
                            + "; " + targets.nodes().size() + " node(s) in Nodes"
                            + (targets.refused().isEmpty() ? "" : "; " + String.join(" ", targets.refused())));
                });
    }
}
