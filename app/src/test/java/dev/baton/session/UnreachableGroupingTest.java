package dev.baton.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import org.junit.jupiter.api.Test;

/** Nodes that could not be reached for the same reason share a group, though the words name each node. */
class UnreachableGroupingTest {
    private static NodeOutcome unreachable(String name, String address, String reason) {
        return NodeOutcome.ended(Node.direct(name, address, 2222, "ops"), NodeOutcome.Status.UNREACHABLE, reason);
    }

    @Test
    void theSameFailureOnEachNodeIsOneGroup() {
        NodeOutcome web11 = unreachable("web11", "127.0.0.12", "Cannot reach web11: Connection reset.");
        NodeOutcome web12 = unreachable("web12", "127.0.0.13", "Cannot reach web12: Connection reset.");
        assertThat(web11.outputKey()).isEqualTo(web12.outputKey());

        NodeOutcome db1 = unreachable("db1", "127.0.0.14",
                "Cannot reach db1: connection closed by 127.0.0.14:2222 during key exchange.");
        NodeOutcome db2 = unreachable("db2", "127.0.0.15",
                "Cannot reach db2: connection closed by 127.0.0.15:2222 during key exchange.");
        assertThat(db1.outputKey()).isEqualTo(db2.outputKey()).isNotEqualTo(web11.outputKey());
    }

    @Test
    void differentFailuresStayApart() {
        NodeOutcome reset = unreachable("web11", "127.0.0.12", "Cannot reach web11: Connection reset.");
        NodeOutcome auth = unreachable("web12", "127.0.0.13", "auth: Permission denied for ops on web12.");
        NodeOutcome hostKey = unreachable("web13", "127.0.0.14", "host key: REMOTE HOST IDENTIFICATION HAS CHANGED");
        NodeOutcome refused = unreachable("web14", "127.0.0.15", "refused: connection refused by 127.0.0.15:2222");
        assertThat(java.util.Set.of(reset.outputKey(), auth.outputKey(), hostKey.outputKey(), refused.outputKey()))
                .hasSize(4);
    }

    @Test
    void aNodeNamedLikeAWordOfTheReasonKeepsTheReasonApart() {
        // A node called "reset" must not make "Connection reset" and "Connection refused" one group.
        NodeOutcome one = unreachable("reset", "127.0.0.2", "Cannot reach reset: Connection reset.");
        NodeOutcome two = unreachable("web2", "127.0.0.3", "Cannot reach web2: Connection aborted.");
        assertThat(one.outputKey()).isNotEqualTo(two.outputKey());
    }
}
