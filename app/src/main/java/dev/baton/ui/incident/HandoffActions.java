package dev.baton.ui.incident;

import dev.baton.handoff.BundleException;
import dev.baton.handoff.BundleImporter;
import dev.baton.handoff.BundleManifest;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.BundleWriter;
import dev.baton.handoff.HandoffState;
import dev.baton.handoff.Redactor;
import dev.baton.handoff.SshSignature;
import dev.baton.incident.IncidentStore;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.Node;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.ssh.KeyFiles;
import dev.baton.ssh.SshAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Hand off and Open handoff: the dialogs, with the export, verification and import done off the FX
 * thread (the incident's own thread for anything that touches the incident).
 */
public final class HandoffActions {
    private static final String AGENT = "ssh-agent: ";
    private static final String KEY_FILE = "Key file: ";

    private final IncidentJournal journal;
    private final ExecutorService background;
    private final Consumer<String> status;
    private final Supplier<Inventory> inventory;
    private final Supplier<List<HandoffState.Terminal>> terminals;
    private final Supplier<RunbookLibrary> library;
    private final Consumer<List<Node>> handedOffNodes;
    private final Supplier<Window> owner;

    public HandoffActions(IncidentJournal journal, ExecutorService background, Consumer<String> status,
            Supplier<Inventory> inventory, Supplier<List<HandoffState.Terminal>> terminals,
            Supplier<RunbookLibrary> library, Consumer<List<Node>> handedOffNodes, Supplier<Window> owner) {
        this.journal = journal;
        this.background = background;
        this.status = status;
        this.inventory = inventory;
        this.terminals = terminals;
        this.library = library;
        this.handedOffNodes = handedOffNodes;
        this.owner = owner;
    }

    private record Prepared(String id, String title, BundleWriter.Request request, List<Redactor.Found> found) {}

    /** Asks for the note and choices, then writes the bundle. */
    public void handOff() {
        Inventory nodes = inventory.get();
        List<HandoffState.Terminal> open = terminals.get();
        RunbookLibrary runbooks = library.get();
        var preparing = journal.withOpen(incident -> {
            var events = incident.timeline().events();
            HandoffState state = new HandoffState(HandoffState.targetsFrom(events, nodes::find),
                    List.copyOf(incident.tickedItems()), incident.variables(), open);
            BundleWriter.Request request = new BundleWriter.Request("", IncidentStore.defaultResponder(), Instant.now(),
                    dev.baton.Baton.version(), state, id -> runbooks == null ? Optional.empty()
                            : runbooks.find(id).flatMap(runbooks::file), Set.of(), null);
            return new Prepared(BundleWriter.bundleId(incident.info()), incident.info().title(), request,
                    BundleWriter.scan(incident.folder(), request));
        });
        status.accept("Looking for secrets before the handoff…");
        background.execute(() -> {
            try {
                Prepared prepared = preparing.get();
                List<String> signing = signingChoices();
                Platform.runLater(() -> ask(prepared, signing));
            } catch (ExecutionException e) {
                Platform.runLater(() -> status.accept("Cannot hand off: " + e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void ask(Prepared prepared, List<String> signing) {
        Path suggested = Path.of(System.getProperty("user.home"), prepared.id() + ".baton");
        status.accept(prepared.found().isEmpty() ? "No secrets found in the incident."
                : prepared.found().size() + " possible secret(s) found; each will be redacted unless you keep it.");
        HandoffDialog dialog = new HandoffDialog(prepared.title(), prepared.found(), signing, suggested);
        dialog.initOwner(owner.get());
        dialog.showAndWait().ifPresent(answer -> background.execute(() -> write(prepared, answer)));
    }

    private void write(Prepared prepared, HandoffDialog.Answer answer) {
        try {
            BundleWriter.ManifestSigner signer = signer(answer);
            BundleWriter.Request base = prepared.request();
            BundleWriter.Request request = new BundleWriter.Request(answer.note(), base.createdBy(), Instant.now(),
                    base.appVersion(), base.state(), base.runbookFiles(), answer.keep(), signer);
            BundleWriter.Result result = journal.withOpen(incident ->
                    BundleWriter.exportFrom(incident, request, answer.destination())).get();
            Platform.runLater(() -> status.accept("Handed off to " + result.file() + ": "
                    + result.manifest().redactions().size() + " secret(s) redacted, "
                    + (signer == null ? "unsigned" : "signed") + "."));
        } catch (ExecutionException e) {
            Platform.runLater(() -> status.accept("Handoff not written: " + e.getCause().getMessage()));
        } catch (IOException e) {
            Platform.runLater(() -> status.accept("Handoff not written: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            java.util.Arrays.fill(answer.passphrase(), ' ');
        }
    }

    private static BundleWriter.ManifestSigner signer(HandoffDialog.Answer answer) throws IOException {
        String choice = answer.signWith();
        if (choice.startsWith(AGENT)) {
            SshAgent agent = SshAgent.fromEnvironment().orElseThrow(() -> new IOException("ssh-agent is gone"));
            String comment = choice.substring(AGENT.length());
            SshAgent.Identity identity = agent.identities().stream().filter(i -> i.comment().equals(comment))
                    .findFirst().orElseThrow(() -> new IOException("ssh-agent no longer holds " + comment));
            return manifest -> SshSignature.sign(manifest, BundleManifest.SIGNATURE_NAMESPACE, agent, identity);
        }
        if (choice.startsWith(KEY_FILE)) {
            char[] passphrase = answer.passphrase().length == 0 ? null : answer.passphrase();
            var keys = SshSignature.loadKeyPair(Path.of(choice.substring(KEY_FILE.length())), passphrase);
            return manifest -> SshSignature.sign(manifest, BundleManifest.SIGNATURE_NAMESPACE, keys);
        }
        return null;
    }

    /** The keys the responder could sign with: ssh-agent's, then their default key files. */
    private static List<String> signingChoices() {
        List<String> choices = new ArrayList<>();
        SshAgent.fromEnvironment().ifPresent(agent -> {
            try {
                agent.identities().forEach(identity -> choices.add(AGENT + identity.comment()));
            } catch (IOException e) {
                // No agent to offer; key files still are.
            }
        });
        KeyFiles.defaults(Path.of(System.getProperty("user.home"), ".ssh")).stream().filter(Files::isRegularFile)
                .forEach(key -> choices.add(KEY_FILE + key));
        return choices;
    }

    /** Asks for a bundle file, then opens it. */
    public void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open handoff bundle");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Baton handoff", "*.baton"));
        Optional.ofNullable(chooser.showOpenDialog(owner.get())).ifPresent(file -> open(file.toPath()));
    }

    /** Verifies a bundle, shows what it holds and, if the responder agrees, continues its incident. */
    public void open(Path bundle) {
        status.accept("Verifying " + bundle.getFileName() + "…");
        background.execute(() -> {
            try {
                BundleReader.Verified verified = BundleReader.verify(bundle);
                var signer = dev.baton.handoff.SignaturePolicy.fromSettings().judge(verified);
                String note = BundleReader.note(verified);
                Platform.runLater(() -> confirm(verified, signer, note));
            } catch (BundleException e) {
                Platform.runLater(() -> refused(bundle, e));
            } catch (IOException e) {
                Platform.runLater(() -> status.accept("Cannot open " + bundle + ": " + e.getMessage()));
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

    private void confirm(BundleReader.Verified verified, dev.baton.handoff.SignaturePolicy.Judgement signer,
            String note) {
        OpenHandoffDialog dialog = new OpenHandoffDialog(verified, signer, note);
        dialog.initOwner(owner.get());
        if (!dialog.showAndWait().orElse(false)) {
            return;
        }
        var importing = journal.importBundle(verified);
        background.execute(() -> {
            try {
                BundleImporter.Imported imported = importing.get();
                List<Node> targets = imported.state().targets().stream().filter(t -> !t.host().isBlank())
                        .map(t -> t.toNode(verified.file().getFileName().toString())).toList();
                Platform.runLater(() -> {
                    handedOffNodes.accept(targets);
                    status.accept("Continuing \"" + imported.incident().info().title() + "\" from "
                            + verified.manifest().createdBy() + (verified.signed() ? " (signed)" : " (unsigned)")
                            + "; " + targets.size() + " node(s) under \"handed off\" in Nodes");
                });
            } catch (ExecutionException e) {
                Platform.runLater(() -> status.accept("Could not continue the incident: " + e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
