package dev.baton.ui.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.inventory.Node;
import dev.baton.session.NodeOutcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes under way keep their places in the grid: one that starts takes the place of one that ended. */
class UnderWayOrderTest {
    private static List<NodeOutcome> running(String... names) {
        return Arrays.stream(names).map(name -> new NodeOutcome(Node.direct(name, "127.0.0.1", 22, "ops"),
                NodeOutcome.Status.RUNNING, null, Duration.ZERO, "", "", "", null)).toList();
    }

    private static List<String> names(List<NodeOutcome> outcomes) {
        return outcomes.stream().map(NodeOutcome::name).toList();
    }

    @Test
    void aNodeThatStartsTakesThePlaceOfOneThatEnded() {
        UnderWayOrder order = new UnderWayOrder();
        assertThat(names(order.arrange(running("n1", "n2", "n3", "n4")))).containsExactly("n1", "n2", "n3", "n4");
        // n1 and n3 ended, n5 and n6 started: the others keep their places.
        assertThat(names(order.arrange(running("n2", "n4", "n5", "n6")))).containsExactly("n5", "n2", "n6", "n4");
        assertThat(names(order.arrange(running("n2", "n4", "n5", "n6", "n7")))).containsExactly("n5", "n2", "n6", "n4",
                "n7");
    }

    @Test
    void aPlaceNoNodeTookWaitsForTheNextToStart() {
        UnderWayOrder order = new UnderWayOrder();
        order.arrange(running("n1", "n2", "n3", "n4"));
        // n1 and n3 ended, only n5 started: n3's place waits, empty, and n6 takes it whenever it starts.
        assertThat(order.arrange(running("n2", "n4", "n5"))).extracting(o -> o == null ? null : o.name())
                .containsExactly("n5", "n2", null, "n4");
        assertThat(order.arrange(running("n2", "n4", "n5", "n6"))).extracting(NodeOutcome::name)
                .containsExactly("n5", "n2", "n6", "n4");
        assertThat(order.arrange(running())).containsOnlyNulls();
        assertThat(order.arrange(running("n8", "n9"))).extracting(o -> o == null ? null : o.name())
                .containsExactly("n8", "n9", null, null);
    }

    @Test
    void theNodesShownAreThoseOfNow() {
        UnderWayOrder order = new UnderWayOrder();
        order.arrange(running("n1", "n2"));
        List<NodeOutcome> now = running("n1", "n2");
        assertThat(order.arrange(now)).containsExactlyElementsOf(now);
    }
}
