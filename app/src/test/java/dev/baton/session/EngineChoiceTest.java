package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.inventory.Inventory;
import dev.baton.inventory.InventoryLoader;
import dev.baton.inventory.Node;
import dev.baton.sources.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which engine a run takes when the responder does not say: the inventory's baton_engine (or its Ansible project),
 * the responder's own config.yaml, never a runbook folder's baton.yaml; and the reason the responder is shown.
 */
class EngineChoiceTest {
    @TempDir
    Path dir;

    private Inventory inventory(String ini) throws Exception {
        Path hosts = dir.resolve("hosts.ini");
        Files.writeString(hosts, ini);
        return InventoryLoader.load(List.of(hosts));
    }

    private Map<String, String> configHome(String configYaml) throws Exception {
        Path home = Files.createDirectories(dir.resolve("xdg/baton"));
        Files.writeString(home.resolve("config.yaml"), configYaml);
        return Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
    }

    @Test
    void aGroupVariableChoosesAnsibleAndSaysWhichGroup() throws Exception {
        Inventory nodes = inventory("[prod_db]\ndb1\ndb2\n[web]\nweb1\n[prod_db:vars]\nbaton_engine=ansible\n");
        EngineChoice choice = EngineChoice.forNodes(Targets.group(nodes, "prod_db"));
        assertThat(choice.engine()).isEqualTo(Engine.ANSIBLE);
        assertThat(choice.describe()).isEqualTo("Ansible: set by group prod_db");
        assertThat(EngineChoice.forNodes(Targets.group(nodes, "web")).describe()).isEqualTo("SSH: Baton's default");
    }

    @Test
    void aHostVariableWinsOverItsGroupAndIsNamed() throws Exception {
        Inventory nodes = inventory("[prod_db]\ndb1\ndb2 baton_engine=ssh\n[prod_db:vars]\nbaton_engine=ansible\n");
        assertThat(EngineChoice.forNodes(List.of(nodes.find("db2").orElseThrow())).describe())
                .isEqualTo("SSH: set by host db2");
        EngineChoice both = EngineChoice.forNodes(Targets.group(nodes, "prod_db"));
        assertThat(both.engine()).isEqualTo(Engine.SSH);
        assertThat(both.reason()).contains("1 of 2 nodes").contains("group prod_db");
    }

    @Test
    void anAnsibleProjectChoosesAnsibleForEveryGroup() throws Exception {
        Path project = Files.createDirectories(dir.resolve("ops"));
        Files.writeString(project.resolve("ansible.cfg"), "[defaults]\ninventory = hosts\n");
        Files.writeString(project.resolve("hosts"), "[web]\nweb1\n[db]\ndb1\n");
        Inventory nodes = InventoryLoader.load(List.of(project));
        EngineChoice choice = EngineChoice.forNodes(nodes.nodes());
        assertThat(choice.engine()).isEqualTo(Engine.ANSIBLE);
        assertThat(choice.reason()).isEqualTo("set by the Ansible project " + project.toAbsolutePath().resolve("ansible.cfg"));
    }

    @Test
    void anUnknownEngineInTheInventoryIsAnErrorNamingTheGroup() throws Exception {
        Inventory nodes = EngineDefaults.apply(inventory("[prod_db]\ndb1\n[prod_db:vars]\nbaton_engine=salt\u001b[2J\n"),
                configHome(""), null);
        assertThat(nodes.problems()).singleElement().asString().contains("group prod_db").contains("baton_engine")
                .contains("ssh and ansible").doesNotContain("\u001b");
        assertThatThrownBy(() -> EngineChoice.forNodes(nodes.nodes()))
                .isInstanceOf(UnknownEngineException.class)
                .hasMessageContaining("group prod_db").hasMessageContaining("salt").hasMessageContaining("ssh and ansible")
                .hasMessageContaining("--engine").hasMessageNotContaining("\u001b");
    }

    @Test
    void theResponderConfigYamlSetsAGroupsEngineAndADefaultForTheRest() throws Exception {
        Inventory nodes = inventory("[prod_db]\ndb1\n[web]\nweb1\n[cache]\nc1 baton_engine=ssh\n[web:vars]\nbaton_engine=ansible\n");
        Map<String, String> environment = configHome("engines:\n  prod_db: ansible\n  web: ssh\n  all: ansible\n");
        Inventory configured = EngineDefaults.apply(nodes, environment, null);
        assertThat(configured.problems()).isEmpty();
        assertThat(EngineChoice.forNodes(Targets.group(configured, "prod_db")).describe())
                .isEqualTo("Ansible: set by group prod_db in your config.yaml");
        // The responder's own file wins over the team's inventory for a group it names ...
        assertThat(EngineChoice.forNodes(Targets.group(configured, "web")).describe())
                .isEqualTo("SSH: set by group web in your config.yaml");
        // ... and its "all" is only a default: the inventory's word for a node still counts.
        assertThat(EngineChoice.forNodes(Targets.group(configured, "cache")).describe()).isEqualTo("SSH: set by host c1");
    }

    @Test
    void anUnknownEngineInConfigYamlIsAnErrorNamingTheGroupAndTheFile() throws Exception {
        Inventory nodes = inventory("[prod_db]\ndb1\n");
        Map<String, String> environment = configHome("engines:\n  prod_db: puppet\n");
        Inventory configured = EngineDefaults.apply(nodes, environment, null);
        assertThatThrownBy(() -> EngineChoice.forNodes(configured.nodes()))
                .isInstanceOf(UnknownEngineException.class)
                .hasMessageContaining("group prod_db in your config.yaml").hasMessageContaining("puppet");
    }

    @Test
    void aRunbookFoldersBatonYamlCannotSwitchTheEngineAndSaysSo() throws Exception {
        Inventory nodes = inventory("[prod_db]\ndb1\n");
        Path folder = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(folder.resolve("baton.yaml"), "engines:\n  prod_db: ansible\n  all: ansible\n");
        Inventory configured = EngineDefaults.apply(nodes, configHome(""), folder);
        assertThat(EngineChoice.forNodes(configured.nodes()).engine()).isEqualTo(Engine.SSH);
        assertThat(configured.problems()).singleElement().asString()
                .contains(folder.resolve("baton.yaml").toString()).contains("engines").contains("ignored")
                .contains("config.yaml");
    }

    @Test
    void theEngineTheResponderChoosesOverridesBothAndAnUnknownValue() throws Exception {
        Inventory nodes = inventory("[prod_db]\ndb1\n[prod_db:vars]\nbaton_engine=salt\n");
        EngineChoice chosen = EngineChoice.chosen(Engine.SSH, "with --engine");
        assertThat(chosen.describe()).isEqualTo("SSH: chosen with --engine");
        assertThat(nodes.nodes()).hasSize(1);
    }

    @Test
    void aConfigYamlWhoseEnginesIsNotAMapIsAProblem() {
        EngineConfig config = EngineConfig.parse("engines: ansible\n", "/home/ana/.config/baton/config.yaml");
        assertThat(config.groups()).isEmpty();
        assertThat(config.problems()).singleElement().asString().contains("engines").contains("prod_db: ansible");
        Node plain = Node.direct("n1", "127.0.0.1", 22, "ana");
        assertThat(EngineChoice.forNodes(List.of(plain)).describe()).isEqualTo("SSH: Baton's default");
    }
}
