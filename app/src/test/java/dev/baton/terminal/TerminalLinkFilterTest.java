package dev.baton.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.techsenger.jeditermfx.core.model.hyperlinks.LinkResult;
import com.techsenger.jeditermfx.core.model.hyperlinks.LinkResultItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalLinkFilterTest {
    private final List<String> opened = new ArrayList<>();
    private final TerminalLinkFilter filter = new TerminalLinkFilter(opened::add);

    @Test
    void webAddressesAreLinksToTheirRealTarget() {
        String line = "docs at https://kubernetes.io/docs/concepts/ and http://127.0.0.1:9090/graph?g0.expr=up.";
        LinkResult result = filter.apply(line);
        assertThat(result.getItems()).hasSize(2);
        LinkResultItem first = result.getItems().get(0);
        assertThat(line.substring(first.getStartOffset(), first.getEndOffset())).isEqualTo("https://kubernetes.io/docs/concepts/");
        result.getItems().forEach(item -> item.getLinkInfo().navigate());
        assertThat(opened).containsExactly("https://kubernetes.io/docs/concepts/", "http://127.0.0.1:9090/graph?g0.expr=up");
    }

    @Test
    void otherSchemesAreNotLinks() {
        for (String target : List.of("file:///etc/passwd", "javascript:alert(1)", "ssh://host", "smb://share/x",
                "data:text/html,x", "/etc/passwd", "vscode://file/etc/passwd")) {
            assertThat(filter.apply(target)).as(target).isNull();
        }
    }
}
