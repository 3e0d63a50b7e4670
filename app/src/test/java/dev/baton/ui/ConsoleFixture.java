package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.ui.terminal.TerminalTab;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.events.DocumentEvent;
import org.w3c.dom.events.EventTarget;
import org.w3c.dom.events.MouseEvent;

/** Drives the real console window in tests: waits on conditions, clicks links as the page would. */
final class ConsoleFixture {
    private final BatonApp app;

    dev.baton.session.IncidentSession session() {
        return app.session();
    }

    /** The incident as the session has recorded it, once every write asked for so far is done. */
    dev.baton.session.IncidentSnapshot incident() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.session().snapshot().get().isPresent());
        app.session().drain();
        return app.session().snapshot().get().orElseThrow();
    }

    ConsoleFixture(BatonApp app) {
        this.app = app;
    }

    ConsoleWindow console() {
        return app.console();
    }

    static <T> T onFx(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the FX thread did not answer in 20 s; it was at:" + fxThreadStack(), e);
        }
    }

    private static String fxThreadStack() {
        StringBuilder stack = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().equals("JavaFX Application Thread")) {
                for (StackTraceElement frame : frames) {
                    stack.append("\n\tat ").append(frame);
                }
            }
        });
        return stack.toString();
    }

    static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
    }

    void waitForLibrary() throws Exception {
        waitFor(30, () -> console().runbook() != null && !console().library().getChildrenUnmodifiable().isEmpty()
                && ((javafx.scene.control.ListView<?>) console().lookup("#runbook-list")).getItems().size() > 0);
    }

    TerminalTab waitForTerminal(String name) throws Exception {
        waitFor(30, () -> console().terminals().all().stream().anyMatch(t -> t.name().equals(name)));
        return onFx(() -> console().terminals().all().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow());
    }

    /** A login shell is ready for input once readline has enabled bracketed paste at its first prompt. */
    TerminalTab waitForShell(String name) throws Exception {
        TerminalTab tab = waitForTerminal(name);
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> tab.widget().bracketedPaste());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the shell in " + name + " never reached its prompt; it shows:\n"
                    + tab.widget().text().strip(), e);
        }
        return tab;
    }

    /** The window's first shell and {@code more} local shells beside it, each at its prompt, in order. */
    List<TerminalTab> openLocalShells(int more) throws Exception {
        List<TerminalTab> shells = new java.util.ArrayList<>();
        shells.add(waitForShell("Local 1"));
        onFx(() -> {
            for (int i = 0; i < more; i++) {
                console().terminals().openLocalShell();
            }
            return null;
        });
        for (int i = 2; i <= more + 1; i++) {
            shells.add(waitForShell("Local " + i));
        }
        return shells;
    }

    void waitForText(TerminalTab tab, String text, int seconds) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> tab.widget().text().contains(text));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("\"" + text + "\" never appeared in " + tab.name() + "; it shows:\n"
                    + tab.widget().text().strip(), e);
        }
    }

    /** Waits for the status bar to say exactly this, and says what it said instead. */
    void waitForStatus(String expected, int seconds) throws Exception {
        try {
            waitFor(seconds, () -> expected.equals(statusLabel().getText()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the status bar never said \"" + expected + "\"; it says \"" + status() + "\"", e);
        }
    }

    String status() throws Exception {
        return onFx(() -> statusLabel().getText());
    }

    private javafx.scene.control.Label statusLabel() {
        return (javafx.scene.control.Label) console().lookup("#status");
    }

    /** Opens a runbook by id and waits until its page has loaded. */
    void show(String runbookId, String expectedTitle) throws Exception {
        onFx(() -> {
            console().runbook().open(runbookId);
            return null;
        });
        waitFor(20, () -> console().runbook().engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                && console().runbook().engine().getTitle() != null
                && console().runbook().engine().getTitle().equals(expectedTitle));
    }

    /**
     * Dispatches a real DOM click on the link with this href, the way a mouse click reaches Baton. The page
     * renders again when a run is recorded, so the link is waited for across a reload.
     */
    void click(String href) throws Exception {
        try {
            waitFor(20, () -> {
                var document = console().runbook().engine().getDocument();
                if (document == null) {
                    return false; // between two loads
                }
                NodeList anchors = document.getElementsByTagName("a");
                for (int i = 0; i < anchors.getLength(); i++) {
                    Element anchor = (Element) anchors.item(i);
                    if (href.equals(anchor.getAttribute("href"))) {
                        MouseEvent event = (MouseEvent) ((DocumentEvent) document).createEvent("MouseEvents");
                        event.initMouseEvent("click", true, true, null, 0, 0, 0, 0, 0, false, false, false, false, (short) 0, null);
                        ((EventTarget) anchor).dispatchEvent(event);
                        return true;
                    }
                }
                return false;
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no link " + href + " on the page in 20 s", e);
        }
    }

    /** A checklist item's mark as the page shows it: its class and the mark, "task checked ☑" or "task ☐". */
    String tickMark(int item) throws Exception {
        return onFx(() -> {
            var document = console().runbook().engine().getDocument();
            if (document == null) {
                return "(between two loads)";
            }
            NodeList anchors = document.getElementsByTagName("a");
            for (int i = 0; i < anchors.getLength(); i++) {
                Element anchor = (Element) anchors.item(i);
                if (("baton:tick/" + item).equals(anchor.getAttribute("href"))) {
                    return anchor.getAttribute("class") + " " + anchor.getTextContent();
                }
            }
            return "(no item " + item + ")";
        });
    }

    /**
     * Waits until the page holds every one of these links. A page read once, the moment its title shows,
     * can be a load that has not finished or one that another render replaces.
     */
    void waitForLinks(String... expected) throws Exception {
        try {
            waitFor(20, () -> console().runbook().engine().getLoadWorker().getState() == Worker.State.SUCCEEDED
                    && hrefsNow().containsAll(List.of(expected)));
        } catch (java.util.concurrent.TimeoutException e) {
            String shown = onFx(() -> {
                var engine = console().runbook().engine();
                var document = engine.getDocument();
                return engine.getLoadWorker().getState() + " \"" + engine.getTitle() + "\" with links " + hrefsNow()
                        + ": " + (document == null || document.getElementsByTagName("body").getLength() == 0 ? "(no body)"
                                : document.getElementsByTagName("body").item(0).getTextContent());
            });
            throw new AssertionError("the page never held " + List.of(expected) + " in 20 s; it shows " + shown, e);
        }
    }

    List<String> hrefs() throws Exception {
        return onFx(this::hrefsNow);
    }

    /** On the FX thread: the links of the page as it is now, none between two loads. */
    private List<String> hrefsNow() {
        var document = console().runbook().engine().getDocument();
        List<String> all = new java.util.ArrayList<>();
        if (document == null) {
            return all;
        }
        NodeList anchors = document.getElementsByTagName("a");
        for (int i = 0; i < anchors.getLength(); i++) {
            all.add(((Element) anchors.item(i)).getAttribute("href"));
        }
        return all;
    }
}
