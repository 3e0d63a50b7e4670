package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.cli.BatonCommand;
import dev.baton.handoff.BundleReader;
import dev.baton.handoff.HandoffState;
import dev.baton.incident.IncidentStore;
import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.inventory.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Production travels with a handoff: the receiver, without the sender's inventory, knows the nodes in their
 * groups and as production, in the window's inventory and in {@code baton run}; a bundle can make a node more
 * cautious, never less, and a value no inventory could hold is refused.
 */
class HandoffProductionTest {
    @TempDir
    Path dir;

    private static <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    /** The sender's inventory: db01 and db02 in a production group, web01 not. */
    private Inventory anasInventory() throws Exception {
        Path inventory = Files.writeString(dir.resolve("ana-hosts.ini"), """
                [prod_db]
                db01 ansible_host=127.0.0.1 ansible_port=2201 ansible_user=postgres
                db02 ansible_host=127.0.0.1 ansible_port=2202 ansible_user=postgres
                [web]
                web01 ansible_host=127.0.0.1 ansible_port=2203 ansible_user=www
                """);
        return InventoryLoader.load(List.of(inventory));
    }

    private static final java.security.KeyPair DB01_KEY = dev.baton.ssh.InProcessSshServer.newHostKey();

    /** ana's known_hosts trusts db01's key (hashed, as OpenSSH writes it). */
    private dev.baton.ssh.KnownHosts anasKnownHosts() throws Exception {
        dev.baton.ssh.KnownHosts known = new dev.baton.ssh.KnownHosts(dir.resolve("ana_known_hosts"));
        if (!Files.exists(known.file())) {
            known.add("127.0.0.1", 2201, DB01_KEY.getPublic());
        }
        return known;
    }

    /** ana works on db01, db02 and web01, then hands off; ben continues in his own data folder. */
    private Handoffs.HandedOffNodes handOverToBen() throws Exception {
        Inventory ana = anasInventory();
        assertThat(ana.find("db01").orElseThrow().production()).isTrue();
        Path bundle = dir.resolve("to-ben.baton");
        try (IncidentSession sender = new IncidentSession(new IncidentStore(dir.resolve("ana")), "ana");
                IncidentSession ben = new IncidentSession(new IncidentStore(dir.resolve("ben")), "ben")) {
            get(sender.start("Replication lag", "P1", ""));
            get(sender.stepRun(null, 1, "uptime", List.of("db01", "db02", "web01"), Map.of(), 3));
            Handoffs.Prepared prepared = get(Handoffs.prepare(sender, ana::find, List.of(), null, anasKnownHosts()));
            get(Handoffs.export(sender, prepared, new Handoffs.Choices("over to you", Set.of(), null, bundle)));
            return Handoffs.handedOffNodes(get(Handoffs.continueIn(ben, BundleReader.verify(bundle))));
        }
    }

    @Test
    void theReceiverKnowsTheNodesInTheirGroupsAndAsProduction() throws Exception {
        Handoffs.HandedOffNodes handed = handOverToBen();
        assertThat(handed.refused()).isEmpty();
        assertThat(handed.nodes()).extracting(Node::name).containsExactly("db01", "db02", "web01");
        Node db01 = handed.nodes().get(0);
        assertThat(db01.production()).isTrue();
        assertThat(db01.groups()).containsExactly("prod_db");
        assertThat(db01.address()).isEqualTo("postgres@127.0.0.1:2201");
        assertThat(handed.nodes().get(2).production()).isFalse();
        assertThat(handed.nodes().get(2).groups()).containsExactly("web");

        Inventory window = Handoffs.withHandedOff(Inventory.empty(), handed.nodes());
        assertThat(window.byGroup()).containsOnlyKeys("prod_db", "web");
        // After a restart, and for baton run, the same nodes come from the continued incident's folder.
        Handoffs.HandedOffNodes again = Handoffs.currentHandedOffNodes(new IncidentStore(dir.resolve("ben")));
        assertThat(again.nodes()).filteredOn(Node::production).extracting(Node::name).containsExactly("db01", "db02");
    }

    @Test
    void theKeyTheSenderTrustedIsCarriedToBeShownNotTrusted() throws Exception {
        Handoffs.HandedOffNodes handed = handOverToBen();
        String fingerprint = dev.baton.ssh.KnownHosts.fingerprint(DB01_KEY.getPublic());
        assertThat(handed.senderSaw(dev.baton.ssh.KnownHosts.lookupName("127.0.0.1", 2201)))
                .singleElement().satisfies(key -> assertThat(key).endsWith(" " + fingerprint));
        assertThat(handed.senderSaw(dev.baton.ssh.KnownHosts.lookupName("127.0.0.1", 2202))).isEmpty();
        // Carried, not trusted: ben's known_hosts is not written.
        assertThat(dir.resolve("ben").resolve("known_hosts")).doesNotExist();

        HandoffState forged = new HandoffState(List.of(new HandoffState.Target("db01", "127.0.0.1", 22, "ops",
                List.of(), List.of(), List.of(), false, List.of("ssh-ed25519 SHA256:x\u001b[2J"))), null, null, null);
        assertThat(Handoffs.handedOffNodes(forged, "forged.baton").refused()).singleElement()
                .satisfies(line -> assertThat(line).contains("is not a key type and an OpenSSH SHA256 fingerprint"));
    }

    @Test
    void aNodeTheReceiversInventoryAlsoDefinesStaysProduction() throws Exception {
        Handoffs.HandedOffNodes handed = handOverToBen();
        Node bensDb01 = Node.direct("db01", "127.0.0.1", 2201, "ben");
        Node bensWeb01 = new Node("web01", "127.0.0.1", 2203, "ben", List.of(), false, List.of(),
                java.time.Duration.ZERO, 3, false, List.of("prod-web"), "ben's config");
        Inventory merged = Handoffs.withHandedOff(new Inventory(List.of(bensDb01, bensWeb01), List.of()), handed.nodes());

        assertThat(merged.find("db01").orElseThrow().production()).as("production wins").isTrue();
        assertThat(merged.find("db01").orElseThrow().user()).as("the receiver's own definition").isEqualTo("ben");
        assertThat(merged.find("web01").orElseThrow().production())
                .as("a bundle saying not production does not make it less cautious").isTrue();
    }

    @Test
    void aBundleCannotMakeANodeLessCautiousNorSmuggleOptionsOrControls() {
        HandoffState state = new HandoffState(List.of(
                new HandoffState.Target("db09", "127.0.0.1", 22, "ops", List.of(), List.of(), List.of("prod"), false, List.of()),
                new HandoffState.Target("evil1", "-oProxyCommand=touch /tmp/x", 22, "ops", List.of(), List.of(),
                        List.of(), false, List.of()),
                new HandoffState.Target("evil2", "127.0.0.1", 22, "root\u001b]0;pwned\u0007", List.of(), List.of(),
                        List.of(), false, List.of()),
                new HandoffState.Target("evil3", "127.0.0.1", 70000, "ops", List.of(), List.of(), List.of(), false, List.of()),
                new HandoffState.Target("evil4", "127.0.0.1", 22, "ops", List.of("-J"), List.of(), List.of(), false, List.of()),
                new HandoffState.Target("evil5", "127.0.0.1", 22, "-lroot", List.of(), List.of(), List.of(), false, List.of())),
                null, null, null);

        Handoffs.HandedOffNodes handed = Handoffs.handedOffNodes(state, "hostile.baton");

        assertThat(handed.nodes()).extracting(Node::name).containsExactly("db09");
        assertThat(handed.nodes().get(0).production()).isTrue();
        assertThat(handed.refused()).hasSize(5).allSatisfy(line -> assertThat(line)
                .startsWith("A node in hostile.baton was not added: ").doesNotContain("\u001b"));
        assertThat(handed.refused().get(0)).contains("starts with '-'");
        assertThat(handed.refused().get(1)).contains("control or hidden characters", "\\u001b");
        assertThat(handed.refused().get(2)).contains("70000");
    }

    @Test
    void batonRunConfirmsAHandedOffProductionNodeTheReceiversInventoryCallsPlain() throws Exception {
        handOverToBen();
        Path bensConfig = Files.writeString(dir.resolve("ben_config"), """
                Host db01
                    HostName 127.0.0.1
                    Port 1
                    User ben
                """);
        String previous = System.getProperty("baton.data");
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            System.setProperty("baton.data", dir.resolve("ben").toString());
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = BatonCommand.commandLine(folder -> { }).execute("run", "--command", "uptime", "--node", "db01",
                    "--inventory", bensConfig.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--connect-timeout", "3");
        } finally {
            System.setErr(originalErr);
            if (previous == null) {
                System.clearProperty("baton.data");
            } else {
                System.setProperty("baton.data", previous);
            }
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("warning: production node db01",
                "not run (confirm by typing the node name");
        assertThat(status).isEqualTo(2);
    }
}
