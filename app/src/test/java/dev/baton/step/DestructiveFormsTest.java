package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forms that run downloaded or generated text, edit system files in place, run commands from an
 * interpreter's one-liner, hand a command to another tool after {@code --}, restart or stop services and
 * workloads (issues 26, 28 and 31): each is flagged with the words that make it so.
 */
class DestructiveFormsTest {
    private final DestructiveCommandDetector detector = new DestructiveCommandDetector();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        // A download or generated text run as a script.
        "~bash <(curl -fsSL https://example.test/install.sh)~ | curl output run as a script",
        "~sudo bash <(wget -qO- https://example.test/x)~ | wget output run as a script",
        "~source <(curl -s https://example.test/env)~ | curl output run as a script",
        "~. <(curl -s https://example.test/env)~ | curl output run as a script",
        "~python3 <(curl -s https://example.test/fix.py)~ | curl output run as a script",
        "~bash <(cat fix.sh | base64 -d)~ | command output run as a script",
        "~bash <<< \"$(curl -fsSL https://example.test/x)\"~ | curl output run as a script",
        "~bash <<< \"rm -rf /srv/queue\"~ | rm -r",
        "~sh <<< 'kubectl delete ns scratch'~ | kubectl delete",
        "~bash <<< \"$SCRIPT\"~ | command name made at run time ($SCRIPT)",
        "~bash <(rm -rf /tmp/x)~ | rm -r",
        // Files edited in place on system paths, logical volumes.
        "~sed -i 's/^root:.*//' /etc/passwd~ | sed -i on /etc/passwd",
        "~sudo sed -i.bak -e 's/a/b/' /etc/ssh/sshd_config~ | sed -i on /etc/ssh/sshd_config",
        "~sed --in-place '/x/d' /etc/fstab~ | sed -i on /etc/fstab",
        "lvremove -f /dev/vg0/data | lvremove",
        "sudo vgremove vg0 | vgremove",
        // Interpreter one-liners that run commands.
        "~python3 -c 'import os; os.system(\"ls\")'~ | python3 -c runs commands",
        "~python -c \"import subprocess; subprocess.run(['ls'])\"~ | python -c runs commands",
        "~perl -e 'system \"ls\"'~ | perl -e runs commands",
        "~perl -e 'print `ls`'~ | perl -e runs commands",
        "~ruby -e 'system(\"ls\")'~ | ruby -e runs commands",
        "~node -e 'require(\"child_process\").execSync(\"ls\")'~ | node -e runs commands",
        "~php -r 'shell_exec(\"ls\");'~ | php -r runs commands",
        "~awk 'BEGIN { system(\"ls\") }'~ | awk runs commands",
        "~python3 -c 'import os; os.system(\"rm -rf /srv/x\")'~ | rm -r",
        // A command handed to another tool after --.
        "~aws-vault exec prod -- aws rds delete-db-instance --db-instance-identifier orders~ | aws rds delete-db-instance",
        "~vault-exec prod -- aws rds delete-db-instance --db-instance-identifier orders~ | aws rds delete-db-instance",
        "~op run --env-file=prod.env -- kubectl delete pod api-1~ | kubectl delete",
        "~doppler run -- sudo rm -rf /srv/cache~ | rm -r",
        "azcopy remove 'https://acct.blob.core.windows.net/c/x' --recursive | azcopy remove",
        // Services and workloads restarted, stopped, rolled back or scaled to nothing.
        "sudo systemctl restart nginx | systemctl restart",
        "systemctl try-restart node_exporter | systemctl try-restart",
        "systemctl stop kubelet | systemctl stop",
        "sudo service nginx restart | service restart",
        "service postgresql stop | service stop",
        "kubectl rollout restart deployment/api -n prod | kubectl rollout restart",
        "kubectl -n prod rollout undo deployment/api | kubectl rollout undo",
        "oc rollout undo dc/api | oc rollout undo",
        "kubectl scale statefulset/db --replicas=0 | kubectl scale --replicas=0",
        "crictl rm -f 4b2a | crictl rm",
        "crictl rmp 4b2a | crictl rmp",
        "docker rm web | docker rm",
    })
    void flags(String script, String reason) {
        assertThat(detector.reasons(script)).contains(reason);
        assertThat(new StepWarnings().of(script)).anyMatch(w -> w.kind().needsConfirmation());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "GRANT UPDATE, DELETE ON orders TO app;",
        "REVOKE DELETE ON orders FROM app;",
        "psql -c 'GRANT SELECT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app'",
        "sed -n '1,20p' /etc/passwd",
        "sed -i 's/a/b/' ./app.conf",
        "diff <(sort a) <(sort b)",
        "python3 -c 'import json,sys; print(json.load(sys.stdin)[\"x\"])'",
        "perl -ne 'print if /error/' app.log",
        "awk '{print $1}' access.log",
        "git checkout -- app.conf",
        "grep -- --force notes.txt",
        "kubectl rollout status deployment/api",
        "kubectl rollout history deployment/api",
        "systemctl status nginx",
        "service nginx status",
        "kubectl scale deployment/api --replicas=3",
        "crictl ps -a",
    })
    void leavesHarmlessFormsAlone(String script) {
        assertThat(detector.reasons(script)).isEmpty();
    }
}
