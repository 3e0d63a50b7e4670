package dev.baton.bench;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.session.AnsibleSettings;
import dev.baton.session.Engine;
import dev.baton.session.EngineDefaults;
import dev.baton.session.FanOut;
import dev.baton.session.FanOutRun;
import dev.baton.session.Rollout;
import dev.baton.session.Targets;
import dev.baton.step.ExecPlan;
import dev.baton.ui.Background;
import dev.baton.ui.ErrorReporter;
import dev.baton.ui.fanout.FanOutWindow;
import dev.baton.ui.fanout.TargetDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;

/**
 * The docs' two engine pictures, on a real display (run it under Xvfb at 1280×720): the node dialog with the engine
 * an inventory group sets, and the fan-out window waiting after its canary. The nodes are Ansible hosts with the
 * local connection, so Debian's real ansible runs the step without any ssh set-up. Each picture is taken with
 * ImageMagick's {@code import -window root}.
 *
 * @see #main arguments: the folder the PNGs go to (docs)
 */
public final class EngineScreens {
    private EngineScreens() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs").toAbsolutePath();
        Path dir = Files.createTempDirectory("baton-engine-screens");
        Path remoteTmp = Files.createDirectories(dir.resolve("remote-tmp"));
        StringBuilder ini = new StringBuilder("[prod_db]\n");
        for (int i = 1; i <= 6; i++) {
            ini.append("pg-").append(i).append('\n');
        }
        ini.append("[web]\nweb-1\nweb-2\n[prod_db:vars]\nbaton_engine=ansible\n[all:vars]\nansible_connection=local\n")
                .append("ansible_python_interpreter=/usr/bin/python3\nansible_remote_tmp=").append(remoteTmp).append('\n');
        Path hosts = Files.writeString(dir.resolve("hosts.ini"), ini);
        Path config = Files.createDirectories(dir.resolve("xdg/baton"));
        Files.writeString(config.resolve("config.yaml"), "engines:\n  web: ssh\n");
        Inventory inventory = EngineDefaults.apply(InventoryLoader.load(List.of(hosts)),
                Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString()), null);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Stage stage = onFx(() -> {
            Stage window = new Stage();
            window.setTitle("Baton");
            window.setX(0);
            window.setY(0);
            return window;
        });

        TargetDialog dialog = onFx(() -> {
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 1280, 720));
            stage.show();
            TargetDialog shown = new TargetDialog(inventory, Optional.empty());
            shown.initOwner(stage);
            ComboBox<?> group = (ComboBox<?>) shown.getDialogPane().lookup("#run-group");
            group.getSelectionModel().select(group.getItems().indexOf("prod_db"));
            shown.show();
            return shown;
        });
        while (!onFx(dialog::isShowing)) {
            Thread.sleep(100);
        }
        Thread.sleep(8000); // a loaded machine paints late
        LoopbackSshd.run("import", "-window", "root", out.resolve("engines-choice.png").toString());
        onFx(() -> {
            dialog.setResult(null);
            dialog.close();
            return null;
        });

        Background background = new Background(Executors.newFixedThreadPool(2), new ErrorReporter(message -> { }));
        FanOut fanOut = new FanOut(FanOut.Connections.opening(null), dir.resolve("spool"), Optional.empty(),
                new AnsibleSettings(System.getenv("PATH"), Map.of("ANSIBLE_HOME", dir.resolve("ansible-home").toString(),
                        "ANSIBLE_LOCAL_TEMP", dir.resolve("ansible-tmp").toString()), false));
        FanOutWindow window = onFx(() -> {
            FanOutWindow grid = new FanOutWindow(fanOut, null, 3, "6 nodes of group prod_db", background, notes -> { },
                    opened -> { });
            stage.setScene(new Scene(grid, 1280, 720));
            return grid;
        });
        List<dev.baton.inventory.Node> nodes = Targets.group(inventory, "prod_db");
        FanOutRun run = fanOut.start(null, 3, ExecPlan.of("echo \"pgbouncer: configuration reloaded\"", Map.of()),
                nodes, Map.of(), FanOut.Options.DEFAULT.with(new Rollout(true, 0, false)), Engine.ANSIBLE,
                outcome -> { }, window::askAfterCanary);
        onFx(() -> {
            window.watch(run);
            return null;
        });
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!run.awaitingResponder() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        while (!onFx(() -> window.lookup("#fanout-canary").isVisible()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(6000); // a loaded machine paints late
        LoopbackSshd.run("import", "-window", "root", out.resolve("engines-canary.png").toString());
        run.cancel();
        run.await(Duration.ofSeconds(30));
        Platform.exit();
        System.exit(0);
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                result.set(action.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
