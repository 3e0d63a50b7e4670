package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variables a step uses but never sets are asked for; those the step or the environment sets are not. */
class ShellVariablesTest {
    @Test
    void aVariableUsedButNeverSetIsFound() {
        assertThat(ShellVariables.unset("kubectl get node $NODE -o wide")).containsExactly("NODE");
        assertThat(ShellVariables.unset("kubectl -n \"${NS}\" logs $POD && echo \"$POD\"")).containsExactly("NS", "POD");
        assertThat(ShellVariables.unset("echo \"$(kubectl get pod $POD -o name)\"")).containsExactly("POD");
        assertThat(ShellVariables.unset("cat <<EOF\nnode: $NODE\nEOF")).containsExactly("NODE");
    }

    @Test
    void whatTheStepOrTheEnvironmentSetsIsNotAsked() {
        assertThat(ShellVariables.unset("POD=$(kubectl get pods -o name | head -1); kubectl logs $POD")).isEmpty();
        assertThat(ShellVariables.unset("export NS=prod\nkubectl -n $NS get pods")).isEmpty();
        assertThat(ShellVariables.unset("for n in $(kubectl get nodes -o name); do kubectl describe $n; done")).isEmpty();
        assertThat(ShellVariables.unset("kubectl get pods -o name | while read -r pod; do echo $pod; done")).isEmpty();
        assertThat(ShellVariables.unset("read -p 'node? ' node; ssh $node uptime")).isEmpty();
        assertThat(ShellVariables.unset("printf -v stamp '%(%F)T' -1; echo $stamp")).isEmpty();
        assertThat(ShellVariables.unset("ls $HOME $PWD; echo $PATH $USER $KUBECONFIG $AWS_PROFILE $BASH_VERSION")).isEmpty();
        assertThat(ShellVariables.unset("echo '$NODE' # and $OTHER in a comment")).isEmpty();
        assertThat(ShellVariables.unset("cat <<'EOF'\n$NODE\nEOF")).isEmpty();
        assertThat(ShellVariables.unset("kubectl get node ${NODE:-node-1}")).isEmpty();
        assertThat(ShellVariables.unset("f() { echo $1 $2 $@ $#; }; f a b; echo $? $$")).isEmpty();
    }

    @Test
    void placeholdersOfEveryShapeAreFound() {
        assertThat(Placeholders.find("kubectl logs <pod, from the alert> -n <namespace/name> && nc -z <host:port>"))
                .containsExactly("pod, from the alert", "namespace/name", "host:port");
        assertThat(Placeholders.find("echo a>b <br/> x</y>")).isEmpty();
        assertThat(ShellQuoting.fromLabels(List.of("pod, from the alert"), Map.of("pod", "api-1")))
                .containsEntry("pod, from the alert", "api-1");
    }

    @Test
    void aVariableTheStepSetsIsNotFilledFromTheAlert() {
        String step = "POD=$(kubectl get pods -o name | head -1); kubectl logs $POD";
        assertThat(ShellQuoting.fill(step, Map.of("POD", "from-alert"), java.util.Set.of("POD"))).isEqualTo(step);
        assertThat(ShellQuoting.fill("kubectl get node $NODE", Map.of("NODE", "node-3"), java.util.Set.of()))
                .as("a value the responder typed for an unset variable fills it").isEqualTo("kubectl get node node-3");
    }
}
