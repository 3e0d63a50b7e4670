package dev.baton.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void sshConfigAliasesBecomeNodesWithOpenSshPrecedence() throws Exception {
        Path config = write("config", """
                Host bastion
                    HostName bastion.example.net
                    User ops
                    Port 2222

                Host db1 db1-alias
                    HostName 10.0.1.5
                    ProxyJump bastion
                    IdentityFile /keys/db_ed25519
                    ServerAliveInterval 20
                    ServerAliveCountMax 4

                Host db*
                    User postgres
                    Port 2200

                Host *
                    User nobody-default
                    ForwardAgent no
                """);

        Inventory inventory = InventoryLoader.load(List.of(config));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.nodes()).extracting(Node::name).containsExactly("bastion", "db1", "db1-alias");
        Node bastion = inventory.find("bastion").orElseThrow();
        assertThat(bastion.address()).isEqualTo("ops@bastion.example.net:2222");
        Node db1 = inventory.find("db1").orElseThrow();
        assertThat(db1.hostName()).isEqualTo("10.0.1.5");
        assertThat(db1.user()).isEqualTo("postgres");
        assertThat(db1.port()).isEqualTo(2200);
        assertThat(db1.proxyJump()).containsExactly("bastion");
        assertThat(db1.identityFiles()).containsExactly(Path.of("/keys/db_ed25519"));
        assertThat(db1.serverAliveInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(db1.serverAliveCountMax()).isEqualTo(4);
        assertThat(db1.forwardAgent()).isFalse();
    }

    @Test
    void includeIsExpandedRelativeToTheSshDirectoryAndMatchIsSkippedWithANote() throws Exception {
        write("conf.d/10-web.conf", """
                Host web1
                    HostName 10.0.2.1
                """);
        write("conf.d/20-cache.conf", """
                Host cache1
                    HostName 10.0.3.1
                """);
        Path config = write("config", """
                Include conf.d/*.conf
                Match exec "true"
                    User matched
                Host plain
                    HostName 10.0.4.1
                """);

        Inventory inventory = InventoryLoader.load(List.of(config));

        assertThat(inventory.nodes()).extracting(Node::name).containsExactly("web1", "cache1", "plain");
        assertThat(inventory.find("plain").orElseThrow().user()).isNotEqualTo("matched");
        assertThat(inventory.problems()).singleElement().asString().contains("config:2", "Match");
    }

    @Test
    void ansibleIniGroupsChildrenVarsAndRanges() throws Exception {
        Path hosts = write("hosts.ini", """
                mail.example.com

                [web]
                web[01:03].example.com ansible_user=deploy
                lb.example.com ansible_host=10.0.0.9 ansible_port=2222 ansible_ssh_common_args='-o ProxyJump=bastion'

                [db]
                pg1 ansible_host=10.0.1.1

                [prod:children]
                web
                db

                [prod:vars]
                ansible_user=ops

                [db:vars]
                ansible_user=postgres
                """);

        Inventory inventory = InventoryLoader.load(List.of(hosts));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.nodes()).extracting(Node::name).containsExactly("mail.example.com",
                "web01.example.com", "web02.example.com", "web03.example.com", "lb.example.com", "pg1");
        assertThat(inventory.find("web02.example.com").orElseThrow().user()).isEqualTo("deploy");
        Node lb = inventory.find("lb.example.com").orElseThrow();
        assertThat(lb.address()).isEqualTo("ops@10.0.0.9:2222");
        assertThat(lb.proxyJump()).containsExactly("bastion");
        assertThat(lb.groups()).containsExactly("prod", "web");
        assertThat(inventory.find("pg1").orElseThrow().user()).isEqualTo("postgres");
        assertThat(inventory.byGroup()).containsKeys("ungrouped", "prod", "web", "db");
    }

    @Test
    void productionComesFromAGroupNamedForItOrFromBatonEnv() throws Exception {
        Path hosts = write("envs.ini", """
                [web]
                web1
                web2 baton_env=staging

                [eu-prod-db]
                pg1

                [tools]
                ci1 baton_env=prod
                grafana1 baton_env=Production
                preprod1
                products1

                [prod:children]
                web
                """);

        Inventory inventory = InventoryLoader.load(List.of(hosts));

        assertThat(inventory.nodes()).filteredOn(Node::production).extracting(Node::name)
                .containsExactly("web1", "pg1", "ci1", "grafana1");
        assertThat(inventory.find("web2").orElseThrow().environment())
                .as("the variable says more than the group").isEqualTo("staging");
        assertThat(Node.parseAddress("ops@10.0.0.1", "ops").production()).isFalse();
    }

    @Test
    void ansibleYamlGroupsChildrenAndVars() throws Exception {
        Path hosts = write("inventory.yml", """
                all:
                  vars:
                    ansible_user: admin
                  hosts:
                    jump.example.com:
                  children:
                    k8s:
                      vars:
                        ansible_port: 2022
                      children:
                        workers:
                          hosts:
                            worker[1:2]:
                              ansible_host: 10.1.0.1
                    redis:
                      hosts:
                        redis-a:
                          ansible_host: 10.2.0.1
                          ansible_user: redis
                """);

        Inventory inventory = InventoryLoader.load(List.of(hosts));

        assertThat(inventory.nodes()).extracting(Node::name)
                .containsExactlyInAnyOrder("jump.example.com", "worker1", "worker2", "redis-a");
        Node worker = inventory.find("worker2").orElseThrow();
        assertThat(worker.address()).isEqualTo("admin@10.1.0.1:2022");
        assertThat(worker.groups()).containsExactly("k8s", "workers");
        assertThat(inventory.find("redis-a").orElseThrow().user()).isEqualTo("redis");
        assertThat(inventory.filter("WORKERS")).extracting(Node::name).containsExactly("worker1", "worker2");
    }

    @Test
    void unreadableInventoriesAreProblemsAndTheRestIsKept() throws Exception {
        Path good = write("config", "Host ok\n  HostName 10.0.0.1\n");
        Path binary = dir.resolve("broken.yml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Path missing = dir.resolve("nope.ini");

        Inventory inventory = InventoryLoader.load(List.of(good, binary, missing));

        assertThat(inventory.nodes()).extracting(Node::name).containsExactly("ok");
        assertThat(inventory.problems()).hasSize(2);
        assertThat(inventory.problems().get(0)).contains("broken.yml", "cannot be read");
        assertThat(inventory.problems().get(1)).contains("nope.ini", "no such file");
    }

    @Test
    void aNameDefinedTwiceKeepsTheFirstAndSaysSo() throws Exception {
        Path config = write("config", "Host db1\n  HostName 10.0.0.1\n");
        Path ini = write("hosts.ini", "[db]\ndb1 ansible_host=10.9.9.9\n");

        Inventory inventory = InventoryLoader.load(List.of(config, ini));

        assertThat(inventory.find("db1").orElseThrow().hostName()).isEqualTo("10.0.0.1");
        assertThat(inventory.problems()).singleElement().asString().contains("db1", "already defined");
    }
}
