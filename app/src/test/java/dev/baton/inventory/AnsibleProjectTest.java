package dev.baton.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which engine an inventory chooses for its nodes: baton_engine, or the Ansible project it belongs to. */
class AnsibleProjectTest {
    @TempDir
    Path dir;

    @Test
    void aGroupVariableChoosesAnsibleForItsNodesOnly() throws Exception {
        Path hosts = dir.resolve("hosts.ini");
        Files.writeString(hosts, "[web]\nweb1\n[db]\ndb1\n[web:vars]\nbaton_engine=ansible\n");
        Inventory inventory = InventoryLoader.load(List.of(hosts));
        assertThat(inventory.find("web1").orElseThrow().engine()).isEqualTo("ansible");
        assertThat(inventory.find("db1").orElseThrow().engine()).isEmpty();
    }

    @Test
    void aProjectFolderIsReadThroughItsAnsibleCfgAndChoosesAnsible() throws Exception {
        Path project = Files.createDirectories(dir.resolve("ops"));
        Files.createDirectories(project.resolve("inventory"));
        Files.writeString(project.resolve("ansible.cfg"), "[defaults]\n# the team's\ninventory = inventory/hosts.yml\n"
                + "forks = 50\n");
        Files.writeString(project.resolve("inventory/hosts.yml"), "all:\n  children:\n    web:\n      hosts:\n"
                + "        web1:\n          ansible_host: 127.0.0.2\n        web2:\n          baton_engine: ssh\n");
        Inventory inventory = InventoryLoader.load(List.of(project));
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.find("web1").orElseThrow().engine()).isEqualTo("ansible");
        // The host's own baton_engine still wins over the project's default.
        assertThat(inventory.find("web2").orElseThrow().engine()).isEqualTo("ssh");
        assertThat(AnsibleProject.folderOf(project.resolve("inventory/hosts.yml"))).contains(project.toAbsolutePath());
    }

    @Test
    void aProjectFolderWhoseCfgNamesNoInventoryIsAProblemNotASilentEmptyList() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\nforks = 5\n");
        Inventory inventory = InventoryLoader.load(List.of(dir));
        assertThat(inventory.nodes()).isEmpty();
        assertThat(inventory.problems()).singleElement().asString().contains("names no inventory");
    }
}
