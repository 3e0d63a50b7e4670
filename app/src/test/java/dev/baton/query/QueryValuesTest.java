package dev.baton.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryValuesTest {
    private static String fromAlert(String query, String name, String value) {
        return QueryValues.fill(query, Map.of(name, value), Set.of(name));
    }

    @Test
    void anAlertValueInADoubleQuotedMatcherIsEscapedAsPromQLStringsRequire() {
        assertThat(fromAlert("up{pod=\"<pod>\"}", "pod", "a\"b\\c\nd"))
                .isEqualTo("up{pod=\"a\\\"b\\\\c\\nd\"}");
        assertThat(fromAlert("{app=\"<app>\"} |= \"x\"", "app", "\"} or vector(1) #"))
                .isEqualTo("{app=\"\\\"} or vector(1) #\"} |= \"x\"");
        assertThat(fromAlert("up{pod='<pod>'}", "pod", "it's \"q\""))
                .isEqualTo("up{pod='it\\'s \"q\"'}");
        assertThat(fromAlert("up{pod=\"{{pod}}\"}", "pod", "a\u0007b")).isEqualTo("up{pod=\"a\\x07b\"}");
    }

    @Test
    void afterARegexOperatorTheValueMatchesOnlyItself() {
        assertThat(fromAlert("up{pod=~\"<pod>\"}", "pod", "api.1+")).isEqualTo("up{pod=~\"api\\\\.1\\\\+\"}");
        assertThat(fromAlert("{app=\"x\"} |~ `<pod>`", "pod", "a.b")).isEqualTo("{app=\"x\"} |~ `a\\.b`");
    }

    @Test
    void outsideAStringOnlyAPlainWordIsFilled() {
        assertThat(fromAlert("sum by (<label>) (rate(x[5m]))", "label", "namespace"))
                .isEqualTo("sum by (namespace) (rate(x[5m]))");
        assertThat(fromAlert("rate(x[<range>])", "range", "5m")).isEqualTo("rate(x[5m])");
        assertThatThrownBy(() -> fromAlert("up > <threshold>", "threshold", "0 or vector(1)"))
                .isInstanceOf(UnsafeQueryValue.class)
                .hasMessageContaining("threshold").hasMessageContaining("outside quotes");
        assertThatThrownBy(() -> fromAlert("up > <threshold>", "threshold", ""))
                .isInstanceOf(UnsafeQueryValue.class);
        assertThatThrownBy(() -> fromAlert("{app=\"x\"} |= `<word>`", "word", "a`b"))
                .isInstanceOf(UnsafeQueryValue.class).hasMessageContaining("backtick");
    }

    @Test
    void dashboardVariablesAreFilledFromAlertValuesTheSameWay() {
        assertThat(fromAlert("up{namespace=\"$namespace\", job=\"${namespace}\"}", "namespace", "a\"b"))
                .isEqualTo("up{namespace=\"a\\\"b\", job=\"a\\\"b\"}");
        // Grafana's own range variables and names without a value are left as written.
        assertThat(QueryValues.fill("rate(x{a=\"$other\"}[$__range])", Map.of("__range", "1h"), Set.of("__range")))
                .isEqualTo("rate(x{a=\"$other\"}[$__range])");
    }

    @Test
    void aValueTheResponderTypedIsQueryTextAsTyped() {
        assertThat(QueryValues.fill("up{pod=~\"<pod>\"}", Map.of("pod", "api-.*"), Set.of()))
                .isEqualTo("up{pod=~\"api-.*\"}");
    }
}
