package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    @Test
    void angleAndBracePlaceholdersInOrderOnce() {
        assertThat(Placeholders.find("kubectl logs -n {{ns}} <pod-name> && kubectl describe pod <pod-name> -n {{ ns }}"))
                .containsExactly("ns", "pod-name");
    }

    @Test
    void shellSyntaxIsNotAPlaceholder() {
        assertThat(Placeholders.find("echo $HOME ${USER} $(date) > out.txt < in.txt 2>&1")).isEmpty();
        assertThat(Placeholders.find("cat <<EOF\nhello\nEOF")).isEmpty();
        assertThat(Placeholders.find("cat <<<word>")).isEmpty();
        assertThat(Placeholders.find("diff <(sort a) <(sort b)")).isEmpty();
        assertThat(Placeholders.find("if [ $a -lt 3 ]; then echo x>y; fi")).isEmpty();
    }

    @Test
    void goTemplateFieldsAreNotPlaceholders() {
        assertThat(Placeholders.find("kubectl get pods -o go-template='{{.metadata.name}}'")).isEmpty();
        assertThat(Placeholders.find("{service=\"x\"} | line_format \"{{.msg}}\"")).isEmpty();
    }

    @Test
    void fillReplacesKnownAndKeepsUnknown() {
        assertThat(Placeholders.fill("kubectl logs -n {{ns}} <pod> <other>", Map.of("ns", "prod", "pod", "api-1")))
                .isEqualTo("kubectl logs -n prod api-1 <other>");
    }

    @Test
    void fillTreatsValuesLiterally() {
        assertThat(Placeholders.fill("echo <v>", Map.of("v", "$1 \\ {{x}}"))).isEqualTo("echo $1 \\ {{x}}");
    }

    @Test
    void asWordsKeepsShellReadersFromSeeingRedirections() {
        assertThat(Placeholders.asWords("kubectl delete pod <pod> -n <namespace> --grace-period=0"))
                .isEqualTo("kubectl delete pod pod__ -n namespace__ --grace-period=0");
        assertThat(new StepWarnings().of("kubectl delete pod <pod> -n <namespace> --grace-period=0"))
                .extracting(StepWarning::detail).contains("--grace-period=0");
        assertThat(new StepWarnings().of("redis-cli -h <redis-host> UNLINK <key>"))
                .extracting(StepWarning::detail).containsExactly("redis-cli UNLINK");
    }

    @Test
    void aRunOfXAsAWholePartOfAWordIsAPlaceholderForTheWord() {
        assertThat(Placeholders.find("kubectl logs checkout-xxxxx -n shop")).containsExactly("checkout-xxxxx");
        assertThat(Placeholders.find("kubectl describe pod pod-xxxxxxxxxx-xxxxx; kubectl logs pod/web-XXXX"))
                .containsExactly("pod-xxxxxxxxxx-xxxxx", "web-XXXX");
        assertThat(Placeholders.find("curl -H 'Authorization: Bearer xxxxxxxx' --data id=xxxx-db"))
                .containsExactly("xxxxxxxx", "xxxx-db");
        assertThat(Placeholders.fill("kubectl logs checkout-xxxxx -n shop", Map.of("checkout-xxxxx", "checkout-7c9d-h2k4p")))
                .isEqualTo("kubectl logs checkout-7c9d-h2k4p -n shop");
    }

    @Test
    void xInsideRealWordsIsNotAPlaceholder() {
        assertThat(Placeholders.find("systemctl restart nginx; printf '%x' 0xffff; echo xxx boxxxxes checkoutxxxxx")).isEmpty();
        assertThat(Placeholders.find("tar cf logs-xxxxx.tar .; echo $xxxxx ${xxxxx} a-xxxxy xXxX")).isEmpty();
        // Inside angle brackets the whole bracket is the placeholder.
        assertThat(Placeholders.find("kubectl logs <checkout-xxxxx>")).containsExactly("checkout-xxxxx");
    }

    @Test
    void aRunOfXIsNotReadAsRedirectionsOrDangerAndIsQuotedWhenFilledFromAnAlert() {
        assertThat(Placeholders.asWords("kubectl delete pod api-xxxxx")).isEqualTo("kubectl delete pod api-xxxxx");
        assertThat(ShellQuoting.fill("kubectl logs api-xxxxx", Map.of("api-xxxxx", "a b"), java.util.Set.of("api-xxxxx")))
                .isEqualTo("kubectl logs 'a b'");
    }
}
