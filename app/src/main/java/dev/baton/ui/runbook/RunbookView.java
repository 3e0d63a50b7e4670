package dev.baton.ui.runbook;

import dev.baton.render.BatonUrls;
import dev.baton.render.LibraryLinkPolicy;
import dev.baton.render.RunbookHtmlRenderer;
import dev.baton.render.TaskMarks;
import dev.baton.runbook.Runbook;
import dev.baton.runbook.RunbookFileReader;
import dev.baton.runbook.RunbookLibrary;
import dev.baton.runbook.RunbookReadException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Worker;
import javafx.scene.layout.StackPane;
import javafx.scene.web.WebEngine;
import javafx.scene.web.WebView;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.events.Event;
import org.w3c.dom.events.EventTarget;

/**
 * The rendered runbook in a WebView with JavaScript off. The page never navigates: a click on a link is
 * caught in Java, and only {@code baton:} URLs and in-page anchors do anything.
 */
public final class RunbookView extends StackPane {
    private WebView web;
    private WebEngine engine;
    private final Executor background;
    private final RunbookHtmlRenderer renderer = new RunbookHtmlRenderer();
    private final ReadOnlyObjectWrapper<Runbook> shown = new ReadOnlyObjectWrapper<>();
    private final Deque<String> back = new ArrayDeque<>();
    private final Deque<String> forward = new ArrayDeque<>();
    private final Set<String> ticked = ConcurrentHashMap.newKeySet();
    private final Consumer<BatonUrls.Parsed> onAction;
    private final Consumer<String> onError;
    private RunbookLibrary library;
    /** Each step's earlier runs in the open incident, by runbook id; read on the render thread. */
    private volatile java.util.function.Function<String, java.util.Map<Integer, java.util.List<dev.baton.render.StepHistory>>>
            runs = id -> java.util.Map.of();
    /** What the page says above a runbook about where its copy came from, by runbook id (a handoff bundle). */
    private volatile java.util.function.Function<String, java.util.Optional<String>> notices =
            id -> java.util.Optional.empty();
    private String html = "";
    /** The id of the runbook whose page the engine holds, for keeping the scroll position on a re-render. */
    private String loadedId;
    /** Where a page being loaded goes back to once it is there; 0 when none. */
    private int scrollPending;
    /** An element to scroll to once the page being loaded is there (a step chosen in the palette). */
    private String pendingAnchor;
    private String pendingAnchorRunbook;
    /** Marks a pending anchor that is a heading's text rather than an element id. */
    private static final String HEADING = "heading:";
    private boolean dark;
    private boolean handedOff;
    /** The terminal a Run button sends to, named on the button; empty when no terminal is open. */
    private String runTarget = "";

    /**
     * @param onAction what a click on a step, checklist item or link asks for, on the FX thread
     * @param onError  a line for the responder when a link or anchor leads nowhere
     */
    public RunbookView(Executor background, Consumer<BatonUrls.Parsed> onAction, Consumer<String> onError) {
        this.onAction = onAction;
        this.onError = onError;
        this.background = background;
        // Until a runbook is shown the page is a plain label: WebKit starts with the first page it shows.
        javafx.scene.control.Label placeholder = new javafx.scene.control.Label(CHOOSE);
        placeholder.setId("runbook-placeholder");
        placeholder.getStyleClass().add("runbook-placeholder");
        placeholder.setWrapText(true);
        setAlignment(placeholder, javafx.geometry.Pos.TOP_LEFT);
        getChildren().add(placeholder);
    }

    private static final String CHOOSE = "Choose a runbook, or type an alert name.";

    /**
     * Creates the WebView. Deferred until a runbook is shown: WebKit's start takes longer than everything
     * else the window needs, and WebKit, once started, holds about 60 MB of an idle window's memory.
     */
    public void initialise() {
        if (web != null) {
            return;
        }
        web = new WebView();
        web.setId("runbook-page");
        engine = web.getEngine();
        engine.setJavaScriptEnabled(false);
        engine.getLoadWorker().stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED) {
                interceptClicks();
                nameRunButtons();
                String anchor = pendingAnchor;
                if (anchor != null && loadedId != null && loadedId.equals(pendingAnchorRunbook)) {
                    pendingAnchor = null;
                    whenLaidOut(() -> {
                        if (anchor.startsWith(HEADING)) {
                            scrollToHeading(anchor.substring(HEADING.length()));
                        } else {
                            scrollTo(anchor);
                        }
                    });
                } else if (scrollPending > 0) {
                    int y = scrollPending;
                    whenLaidOut(() -> engine.executeScript("window.scrollTo(0, " + y + ")"));
                }
                scrollPending = 0;
            }
        });
        // Defence in depth: should anything start a navigation away from Baton's page, put the page back.
        engine.locationProperty().addListener((obs, old, location) -> {
            if (location != null && !location.isEmpty() && !location.startsWith("about:")) {
                Platform.runLater(() -> {
                    engine.getLoadWorker().cancel();
                    engine.loadContent(html);
                });
            }
        });
        getChildren().setAll(web);
        html = html.isEmpty() ? placeholderPage(CHOOSE) : html;
        engine.loadContent(html);
    }

    /**
     * Runs {@code scroll} once the page has a size. WebKit starts with the first page shown, so that page can finish
     * loading before its view is first laid out, and a scroll into a view of no size is lost.
     */
    private void whenLaidOut(Runnable scroll) {
        if (web.getWidth() > 0 && web.getHeight() > 0) {
            scroll.run();
            return;
        }
        String page = loadedId;
        javafx.beans.value.ChangeListener<Number> sized = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> value, Number before, Number now) {
                if (web.getWidth() > 0 && web.getHeight() > 0) {
                    web.widthProperty().removeListener(this);
                    web.heightProperty().removeListener(this);
                    // The page takes its new size in the same pulse; the scroll goes after it, to the same page.
                    Platform.runLater(() -> {
                        if (java.util.Objects.equals(page, loadedId)) {
                            scroll.run();
                        }
                    });
                }
            }
        };
        web.widthProperty().addListener(sized);
        web.heightProperty().addListener(sized);
    }

    public ReadOnlyObjectProperty<Runbook> shownRunbookProperty() {
        return shown.getReadOnlyProperty();
    }

    public WebEngine engine() {
        initialise();
        return engine;
    }

    /** Names the terminal the Run buttons send to ("Run in db1"); empty when there is none. */
    public void setRunTarget(String name) {
        runTarget = name == null ? "" : name;
        nameRunButtons();
    }

    /** The page's buttons are rewritten in place: re-rendering would lose the scroll position. */
    private void nameRunButtons() {
        if (engine == null || engine.getDocument() == null) {
            return;
        }
        org.w3c.dom.NodeList anchors = engine.getDocument().getElementsByTagName("a");
        for (int i = 0; i < anchors.getLength(); i++) {
            Element anchor = (Element) anchors.item(i);
            String classes = anchor.getAttribute("class");
            if (classes != null && java.util.Arrays.asList(classes.split("\\s+")).contains("action-run")) {
                anchor.setTextContent(runTarget.isEmpty() ? "Run" : "Run in " + runTarget);
                anchor.setAttribute("title", runTarget.isEmpty() ? "Open a terminal first (Ctrl+T)"
                        : "Send to the terminal " + runTarget);
            }
        }
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        refresh();
    }

    /** What past incidents say of each step, by runbook id; read on the render thread. */
    private volatile java.util.function.Function<String, java.util.Map<Integer, dev.baton.render.StepRecall>> recall =
            id -> java.util.Map.of();

    /** Where the page finds what past incidents say of each step (called off the FX thread). */
    public void setRecall(java.util.function.Function<String, java.util.Map<Integer, dev.baton.render.StepRecall>> recall) {
        this.recall = recall;
    }

    /** Where the page finds each step's last runs (called off the FX thread); shown from the next render. */
    public void setRuns(java.util.function.Function<String, java.util.Map<Integer,
            java.util.List<dev.baton.render.StepHistory>>> runs) {
        this.runs = runs;
    }

    /** What the page says above a runbook about its copy; shown from the next render. */
    public void setNotices(java.util.function.Function<String, java.util.Optional<String>> notices) {
        this.notices = notices;
    }

    public RunbookLibrary library() {
        return library;
    }

    public void setLibrary(RunbookLibrary library) {
        this.library = library;
    }

    /** Shows a runbook, remembering the current one for Back. */
    public void show(Runbook runbook) {
        Runbook current = shown.get();
        if (current != null && runbook != null && !current.id().equals(runbook.id())) {
            back.push(current.id());
            forward.clear();
        }
        display(runbook);
    }

    /** Shows a runbook scrolled to one of its steps. */
    public void showStep(Runbook runbook, int step) {
        pendingAnchor = "step-" + step;
        pendingAnchorRunbook = runbook.id();
        show(runbook);
    }

    /** Shows a runbook scrolled to one of its headings (the section of a file of many alerts that names one). */
    public void showSection(Runbook runbook, dev.baton.runbook.Section section) {
        pendingAnchor = HEADING + section.title();
        pendingAnchorRunbook = runbook.id();
        show(runbook);
    }

    public void open(String runbookId) {
        if (library != null) {
            library.find(runbookId).ifPresentOrElse(this::show, () -> onError.accept("No runbook " + runbookId));
        }
    }

    public void goBack() {
        if (!back.isEmpty() && library != null && shown.get() != null) {
            forward.push(shown.get().id());
            library.find(back.pop()).ifPresent(this::display);
        }
    }

    public void goForward() {
        if (!forward.isEmpty() && library != null && shown.get() != null) {
            back.push(shown.get().id());
            library.find(forward.pop()).ifPresent(this::display);
        }
    }

    /** Whether the open incident is handed off from here: its checklist is shown but not ticked. */
    public void setHandedOff(boolean handedOff) {
        this.handedOff = handedOff;
    }

    public boolean isHandedOff() {
        return handedOff;
    }

    public boolean isTicked(Runbook runbook, int item) {
        return ticked.contains(runbook.id() + "#" + item);
    }

    /** Replaces every tick with {@code items} ({@code runbook-id#item}), as an incident recorded them. */
    public void setTicked(java.util.Set<String> items) {
        ticked.clear();
        ticked.addAll(items);
        refresh();
    }

    /** Flips a checklist item and shows the new state; returns whether it is now ticked. */
    public boolean toggleTick(int item) {
        Runbook runbook = shown.get();
        if (runbook == null) {
            return false;
        }
        boolean nowTicked = !isTicked(runbook, item);
        setTick(runbook, item, nowTicked);
        return nowTicked;
    }

    /** Ticks or unticks a checklist item of {@code runbook}, and shows it when that runbook is on the page. */
    public void setTick(Runbook runbook, int item, boolean on) {
        String key = runbook.id() + "#" + item;
        if (on) {
            ticked.add(key);
        } else {
            ticked.remove(key);
        }
        Runbook page = shown.get();
        if (page == null || !page.id().equals(runbook.id())) {
            return;
        }
        // In place, so the page keeps its scroll position; a full render only when the page is not there yet.
        if (!showTick(item, on)) {
            refresh();
        } else {
            renderQuietly(page);
        }
    }

    /** Sets one checklist item's mark through the DOM (no script): false when the page lacks it. */
    private boolean showTick(int item, boolean on) {
        if (engine == null || engine.getDocument() == null
                || engine.getLoadWorker().getState() != Worker.State.SUCCEEDED) {
            return false;
        }
        String href = BatonUrls.of(BatonUrls.Action.TICK, String.valueOf(item));
        org.w3c.dom.NodeList anchors = engine.getDocument().getElementsByTagName("a");
        for (int i = 0; i < anchors.getLength(); i++) {
            Element anchor = (Element) anchors.item(i);
            if (href.equals(anchor.getAttribute("href"))) {
                anchor.setAttribute("class", TaskMarks.cssClass(on));
                anchor.setAttribute("title", TaskMarks.title(on));
                anchor.setTextContent(TaskMarks.mark(on));
                return true;
            }
        }
        return false;
    }

    /** Brings the kept page text up to date without reloading what is on screen. */
    private void renderQuietly(Runbook runbook) {
        RunbookLibrary lib = library;
        boolean darkNow = dark;
        if (lib == null) {
            return;
        }
        background.execute(() -> {
            String page = renderPage(lib, runbook, darkNow);
            Platform.runLater(() -> {
                if (shown.get() == runbook) {
                    html = page;
                }
            });
        });
    }

    public void refresh() {
        display(shown.get());
    }

    private void display(Runbook runbook) {
        shown.set(runbook);
        if (runbook == null || library == null) {
            if (engine != null && html.contains("Choose a runbook")) {
                html = placeholderPage(CHOOSE);
                loadedId = null;
                engine.loadContent(html);
            }
            return;
        }
        RunbookLibrary lib = library;
        boolean darkNow = dark;
        // The same runbook shown again (a theme switch, an incident reopened) comes back where the responder was.
        // A page still loading has not reached its place yet: the place it is going back to is kept.
        Object keptScroll = pendingAnchor != null ? null : sameRunbookShown(runbook)
                ? engine.executeScript("window.scrollY") : runbook.id().equals(loadedId) && scrollPending > 0
                ? Integer.valueOf(scrollPending) : null;
        background.execute(() -> {
            String ready = renderPage(lib, runbook, darkNow);
            Platform.runLater(() -> {
                if (shown.get() == runbook) {
                    initialise();
                    html = ready;
                    loadedId = runbook.id();
                    // Restored by the load listener once the page is there. Not a listener per load: a load
                    // replaced by the next (many events recorded in a row) ends CANCELLED, and that one's
                    // listener would see the cancel and leave the new page at its top.
                    scrollPending = keptScroll instanceof Number y && y.intValue() > 0 ? y.intValue() : 0;
                    engine.loadContent(ready);
                }
            });
        });
    }

    private boolean sameRunbookShown(Runbook runbook) {
        return engine != null && engine.getDocument() != null && loadedId != null && loadedId.equals(runbook.id())
                && engine.getLoadWorker().getState() == Worker.State.SUCCEEDED;
    }

    private String renderPage(RunbookLibrary lib, Runbook runbook, boolean darkNow) {
        try {
            Path file = lib.file(runbook).orElseThrow(() -> new IllegalStateException("no file for " + runbook.id()));
            String source = new RunbookFileReader().read(file).text();
            var stepRuns = runs.apply(runbook.id());
            var recalled = recall.apply(runbook.id());
            return renderer.render(runbook, source, new LibraryLinkPolicy(lib, runbook),
                    n -> ticked.contains(runbook.id() + "#" + n), n -> stepRuns.getOrDefault(n, java.util.List.of()),
                    recalled::get, notices.apply(runbook.id()).orElse(""), darkNow);
        } catch (RunbookReadException | RuntimeException e) {
            return placeholderPage("Could not show " + runbook.id() + ": " + e.getMessage());
        }
    }

    private void interceptClicks() {
        if (engine == null || engine.getDocument() == null) {
            return;
        }
        ((EventTarget) engine.getDocument()).addEventListener("click", this::onClick, true);
    }

    private void onClick(Event event) {
        String href = linkTarget(event.getTarget());
        if (href == null) {
            return;
        }
        event.preventDefault();
        if (href.startsWith("#")) {
            scrollTo(href.substring(1));
            return;
        }
        event.stopPropagation();
        BatonUrls.parse(href).ifPresent(action -> Platform.runLater(() -> onAction.accept(action)));
    }

    /**
     * In-page anchors do not scroll a page loaded with loadContent and no script; WebKit's DOM binding
     * can scroll an element into view directly.
     */
    private void scrollTo(String id) {
        Element element = engine.getDocument().getElementById(id);
        if (element != null) {
            scrollIntoView(element, id);
        }
    }

    private void scrollIntoView(Element element, String name) {
        try {
            element.getClass().getMethod("scrollIntoView", boolean.class).invoke(element, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            onError.accept("Could not scroll to " + name);
        }
    }

    /**
     * Scrolls to the first heading whose text has the slug of {@code title}: headings deeper than h3 have no
     * id on the page, and the slug forgives the markup (backticks, emphasis) the page renders.
     */
    private void scrollToHeading(String title) {
        String wanted = dev.baton.runbook.HeadingSlug.of(title);
        for (int level = 1; level <= 6; level++) {
            org.w3c.dom.NodeList headings = engine.getDocument().getElementsByTagName("h" + level);
            for (int i = 0; i < headings.getLength(); i++) {
                Element heading = (Element) headings.item(i);
                if (dev.baton.runbook.HeadingSlug.of(heading.getTextContent()).equals(wanted)) {
                    scrollIntoView(heading, title);
                    return;
                }
            }
        }
        onError.accept("The heading " + title + " is not on the page");
    }

    private static String linkTarget(Object target) {
        for (Node node = target instanceof Node n ? n : null; node != null; node = node.getParentNode()) {
            if (node instanceof Element element && "a".equalsIgnoreCase(element.getTagName())) {
                return element.getAttribute("href");
            }
        }
        return null;
    }

    private String placeholderPage(String message) {
        return "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                + "<style>body{font:15px sans-serif;padding:40px;" + (dark ? "color:#9198a1;background:#0d1117;"
                        : "color:#59636e;") + "}</style></head><body><p>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</p></body></html>";
    }
}
