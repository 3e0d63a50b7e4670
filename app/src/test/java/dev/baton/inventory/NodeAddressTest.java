package dev.baton.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeAddressTest {
    @ParameterizedTest
    @CsvSource({
        "db1,                        me,   db1,         22",
        "ops@db1,                    ops,  db1,         22",
        "ops@db1:2222,               ops,  db1,         2222",
        "ssh://ops@db1:2200,         ops,  db1,         2200",
        "[::1]:2022,                 me,   ::1,         2022",
        "fe80::1,                    me,   fe80::1,     22",
        "ops@[2001:db8::5],          ops,  2001:db8::5, 22",
    })
    void addressesAreReadAsOpenSshReadsThem(String spec, String user, String host, int port) {
        Node node = Node.parseAddress(spec, "me");

        assertThat(node.user()).isEqualTo(user);
        assertThat(node.hostName()).isEqualTo(host);
        assertThat(node.port()).isEqualTo(port);
        assertThat(node.name()).isEqualTo(spec);
    }

    @Test
    void aPortThatIsNotOneIsNamedInTheError() {
        assertThatThrownBy(() -> Node.parseAddress("db1:ssh", "me"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a port in db1:ssh: 'ssh'");
        assertThatThrownBy(() -> Node.parseAddress("db1:70000", "me"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'70000'");
    }
}
