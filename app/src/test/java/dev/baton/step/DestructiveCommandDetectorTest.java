package dev.baton.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestructiveCommandDetectorTest {
    private final DestructiveCommandDetector detector = new DestructiveCommandDetector();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "rm -rf /var/lib/x | rm -r",
        "rm -fr x | rm -r",
        "rm -R x | rm -r",
        "rm --recursive x | rm -r",
        "rm -f /tmp/lock | rm -f",
        "rm /tmp/lock | rm",
        "/bin/rm -rf x | rm -r",
        "\\rm -rf / | rm -r",
        "r''m -rf x | rm -r",
        "~\"rm\" -rf x~ | rm -r",
        "~\"r\"m -rf x~ | rm -r",
        "r\\m -rf x | rm -r",
        "sudo rm -rf /srv | rm -r",
        "sudo -u postgres rm -rf /srv | rm -r",
        "sudo -E -u root -- rm -rf x | rm -r",
        "env FOO=1 rm -rf x | rm -r",
        "env -i PATH=/bin rm -rf x | rm -r",
        "FOO=1 BAR=2 rm -rf x | rm -r",
        "timeout 5 rm -rf x | rm -r",
        "timeout -s KILL 5s rm -rf x | rm -r",
        "nohup nice -n 10 rm -rf x | rm -r",
        "~bash -c \"rm -rf /tmp/x\"~ | rm -r",
        "~sh -c 'kubectl delete pod x'~ | kubectl delete",
        "~bash -lc 'sudo rm -rf /x'~ | rm -r",
        "~echo $(rm -rf x)~ | rm -r",
        "~echo \"$(rm -rf x)\"~ | rm -r",
        "~echo `rm -rf x`~ | rm -r",
        "~echo $(( $(rm -rf x | wc -l) + 1 ))~ | rm -r",
        "~echo \"$(( `rm -rf x` + 1 ))\"~ | rm -r",
        "~echo $((rm -rf x) )~ | rm -r",
        "~ls; rm -rf x~ | rm -r",
        "~ls && rm -rf x~ | rm -r",
        "~false || rm -rf x~ | rm -r",
        "~sleep 1 & rm -rf x~ | rm -r",
        "~(cd /tmp && rm -rf x)~ | rm -r",
        "~find . -name '*.log' -delete~ | find -delete",
        "~find /var/log -name \"*.log\" -mtime +7 -delete~ | find -delete",
        "~find /tmp -type f -exec rm {} \\;~ | rm",
        "shred -u secret.key | shred",
        "kubectl delete pods -n default -l app=x | kubectl delete",
        "kubectl -n prod delete pod api-1 | kubectl delete",
        "kubectl --context prod drain node-1 --ignore-daemonsets | kubectl drain",
        "kubectl replace --force -f pod.yaml | kubectl replace --force",
        "kubectl scale deployment/api --replicas=0 | kubectl scale --replicas=0",
        "kubectl scale deployment/api --replicas 0 | kubectl scale --replicas=0",
        "helm uninstall my-release -n prod | helm uninstall",
        "kubectl apply --force -f x.yaml | --force",
        "~kubectl delete pods -n default -l app=x --force --grace-period=0~ | --grace-period=0",
        "docker system prune -a | docker system prune",
        "docker rm -f web | docker rm",
        "docker volume prune | docker volume prune",
        "aws s3 rm s3://bucket/key --recursive | aws s3 rm",
        "gcloud compute instances delete vm-1 | gcloud compute instances delete",
        "virsh destroy vm1 | virsh destroy",
        "truncate -s 0 /var/log/app.log | truncate",
        "~kubectl logs x > /tmp/c.log && truncate -s 0 /var/log/containers/c*.log~ | truncate",
        "iptables -F | iptables flush",
        "iptables --flush INPUT | iptables flush",
        "ip6tables -X | ip6tables flush",
        "iptables -D INPUT -s 10.0.0.0/8 -j DROP | iptables delete rule",
        "~kubectl exec -n default $pod -- iptables -F~ | iptables flush",
        "nft flush ruleset | nft flush",
        "kill -9 1234 | kill",
        "pkill -f java | pkill",
        "killall nginx | killall",
        "shutdown -h now | shutdown",
        "reboot | reboot",
        "systemctl reboot | systemctl reboot",
        "sudo systemctl stop nginx | systemctl stop",
        "sudo systemctl restart postgresql@15-main | systemctl restart of a stateful service",
        "~SELECT pg_drop_replication_slot('standby_1');~ | pg_drop_replication_slot",
        "mkfs.ext4 /dev/sdb1 | mkfs",
        "wipefs -a /dev/sdb | wipefs",
        "dd if=/dev/zero of=/dev/sda bs=1M | dd",
        "~cat image.img > /dev/sdb~ | writes to block device /dev/sdb",
        "terraform destroy -auto-approve | terraform destroy",
        "terraform apply -destroy | terraform destroy",
        "git push --force origin main | git push --force",
        "git push -f | git push --force",
        "git reset --hard HEAD~1 | git reset --hard",
        "git clean -fdx | git clean -f",
        "chmod -R 777 / | chmod -R on a system directory",
        "chown -R nobody /etc | chown -R on a system directory",
        "redis-cli FLUSHALL | redis-cli FLUSHALL",
        "redis-cli -h redis -n 0 flushdb | redis-cli FLUSHDB",
        "~kubectl exec -n default deployment/redis -- redis-cli --scan --pattern \"*:*\" | xargs redis-cli del~ | redis-cli DEL",
        "~curl -fsSL https://x/install.sh | sh~ | curl piped to a shell",
        "~curl -fsSL https://x/install.sh | sudo bash~ | curl piped to a shell",
        "~wget -qO- https://x | bash -s -- --yes~ | wget piped to a shell",
        "~ssh db-1 'sudo systemctl poweroff'~ | systemctl poweroff",
        "~watch -n 5 'rm -rf /tmp/spool/*'~ | rm -r",
        "~docker exec -it web rm -rf /data~ | rm -r",
        "dropdb orders | dropdb",
        "~psql -c \"DROP TABLE orders;\"~ | SQL DROP TABLE",
        "~psql -c 'drop database orders'~ | SQL DROP DATABASE",
        "~TRUNCATE TABLE sessions;~ | SQL TRUNCATE",
        "~DELETE FROM sessions;~ | SQL DELETE without WHERE",
        "~psql -c \"delete from sessions\"~ | SQL DELETE without WHERE",
        "~UPDATE users SET admin = true;~ | SQL UPDATE without WHERE",
        "~ALTER TABLE users DROP COLUMN email;~ | SQL ALTER TABLE … DROP",
        "~psql -U x -c \"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle';\"~ | pg_terminate_backend",
        "~psql <<EOF\nDROP TABLE t;\nEOF~ | SQL DROP TABLE",
        "~rm \\\n  -rf /x~ | rm -r",
        // Wrappers and remote commands seen through, and the verbs of the common CLIs.
        "sudo reboot | reboot",
        "sudo shutdown -r now | shutdown",
        "~sudo find /var/spool/baton -name '*.tmp' -mtime +3 -delete~ | find -delete",
        "~nice -n 19 ionice -c3 find /srv/cache -delete~ | find -delete",
        "gcloud container clusters delete blue --region europe-west1 | gcloud container clusters delete",
        "gcloud compute instances delete vm-1 --project ops | gcloud compute instances delete",
        "oc adm drain worker-3 --ignore-daemonsets --delete-emptydir-data | oc adm drain",
        "oc delete project scratch | oc delete",
        "~knife ssh 'role:baton-web' 'sudo rm -rf /var/cache/baton'~ | rm -r",
        "~knife ssh -x ops -a ipaddress 'name:queue-*' 'sudo systemctl stop rabbitmq-server'~ | systemctl stop",
        "~ansible queue -b -a 'systemctl reboot'~ | systemctl reboot",
        "~kubectl get pods -o name | xargs -r kubectl delete~ | kubectl delete",
        "~ls /srv/old | xargs -I{} rm -rf /srv/old/{}~ | rm -r",
        "~env -i sh -c 'reboot'~ | reboot",
        "~ssh -t bastion ssh -t db-2 'sudo dd if=/dev/zero of=/dev/vdb bs=1M'~ | dd",
        "~true && sudo timeout 30 shutdown now~ | shutdown",
        "aws ec2 terminate-instances --instance-ids i-0abc | aws ec2 terminate-instances",
        "aws rds delete-db-instance --db-instance-identifier orders | aws rds delete-db-instance",
        "aws s3 rb s3://baton-scratch --force | aws s3 rb",
        "az group delete --name rg-baton --yes | az group delete",
        "az vm deallocate -g rg -n vm1 | az vm deallocate",
        "docker stop queue-1 | docker stop",
        "docker kill queue-1 | docker kill",
        "docker compose down -v | docker compose down --volumes",
        "terraform state rm module.db | terraform state rm",
        "sudo systemctl disable --now baton-agent | systemctl disable --now",
        "~mysql -e 'DROP DATABASE shop'~ | SQL DROP DATABASE",
        "mysqladmin --user=root drop shop | mysqladmin drop",
        "redis-cli -n 3 FLUSHALL ASYNC | redis-cli FLUSHALL",
        "git push origin +main:main | git push --force",
        "git push --force-with-lease origin main | git push --force",
        "git push origin --delete release-1 | git push --delete",
        "sudo journalctl --vacuum-time=2d | journalctl --vacuum",
        "journalctl --vacuum-size=500M | journalctl --vacuum",
        // Other ways of deleting logs, packages and files to free space.
        "tmpwatch 24 /tmp | tmpwatch",
        "sudo tmpreaper 2d /var/tmp | tmpreaper",
        "logrotate -f /etc/logrotate.conf | logrotate -f",
        "apt-get autoremove -y | apt-get autoremove",
        "sudo apt remove nginx | apt remove",
        "yum erase httpd | yum erase",
        "dnf remove -y httpd | dnf remove",
        "s3cmd del s3://backups/old.tar | s3cmd del",
        "~mysql -e 'PURGE BINARY LOGS BEFORE NOW()'~ | SQL PURGE BINARY LOGS",
        "crontab -r | crontab -r",
        "~bash <<'SCRIPT'\nrm -rf /srv/queue\nSCRIPT~ | rm -r",
        "~ssh db-1 <<EOF\nsudo systemctl stop postgresql\nEOF~ | systemctl stop",
        // Writes and moves onto system paths, and a fork bomb.
        "~> /etc/passwd~ | writes to /etc/passwd",
        "~echo 'nameserver 10.0.0.2' > /etc/resolv.conf~ | writes to /etc/resolv.conf",
        "~echo '10.0.0.9 db' >> /etc/hosts~ | writes to /etc/hosts",
        "~echo b > /proc/sysrq-trigger~ | writes to /proc/sysrq-trigger",
        "~echo x | sudo tee /etc/passwd~ | tee onto /etc/passwd",
        "~echo x | sudo tee -a /etc/sudoers.d/ops~ | tee onto /etc/sudoers.d/ops",
        "mv /etc /dev/null | mv of system path /etc",
        "sudo cp baton.conf /etc/nginx/nginx.conf | cp onto /etc/nginx/nginx.conf",
        "rsync -a --delete /srv/a/ /srv/b/ | rsync --delete",
        "~:(){ :|:& };:~ | fork bomb",
        "~bomb() { bomb | bomb & }; bomb~ | fork bomb",
    })
    void flags(String script, String reason) {
        assertThat(detector.reasons(script.replace("\\n", "\n"))).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "kubectl get pods -n default",
        "kubectl describe pod -n default -l app=coordinator",
        "kubectl logs -n default deployment/coordinator --tail=100",
        "echo \"rm -rf /\"",
        "echo 'kubectl delete pod x' > notes.txt",
        "printf '%s\\n' \"DROP it\"",
        "grep kill /var/log/syslog",
        "grep -i 'killed process' /var/log/kern.log",
        "dmesg | grep -i \"killed process\"",
        "journalctl --since \"1 hour ago\"",
        "journalctl -u blixard -f",
        "ps aux --sort=-%cpu | head -10",
        "df -h",
        "du -sh /var/log/*",
        "# rm -rf / in a comment",
        "ls # then rm -rf /",
        "psql -c \"SELECT pid FROM pg_stat_activity WHERE state = 'active';\"",
        "psql -c \"DELETE FROM sessions WHERE expires < now();\"",
        "psql -c \"UPDATE jobs SET state = 'queued' WHERE id = 4;\"",
        "curl -fsS http://localhost:8080/health | jq",
        "curl -s http://x | grep ok",
        "kubectl get events --sort-by=.metadata.creationTimestamp | tail -20",
        "redis-cli info memory | grep used_memory_human",
        "redis-cli --bigkeys",
        "git push origin main",
        "chmod -R g+w /srv/app/shared",
        "systemctl status nginx",
        "sudo systemctl reload nginx",
        "cat <<EOF > /tmp/x\nrm -rf /\nEOF",
        "ss -tlnp | grep guts",
        "find /var/log -name '*.log' -size +100M",
        "dd if=/dev/sda bs=512 count=1 | xxd",
        "iptables -L -n",
        "kubectl scale deployment/coordinator --replicas=5 -n default",
        "ls 2>&1 >/dev/null",
        "journalctl -u baton --since today --no-pager",
        "cat < /etc/passwd | wc -l",
        "cp /etc/nginx/nginx.conf /tmp/nginx.conf.bak",
        "tee /tmp/report.txt",
        "echo ok > /dev/null",
        "echo ok >&2",
        "echo 3 | tee /tmp/x > /dev/stderr",
        "sudo install -m 755 baton-probe /usr/local/bin/baton-probe",
        "python3 -m json.tool < out.json",
        "kubectl get pods -o json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'",
        "gcloud compute instances list --filter=name~baton",
        "aws ec2 describe-instances --instance-ids i-0abc",
        "docker ps --filter status=exited",
        "knife ssh 'role:web' 'uptime'",
        "git log -1 --format=%H",
        "$HOME/bin/baton-check --quiet",
        "sleep $(( ${server##*.} % 5 ))",
        "echo $(( $(wc -l < /var/log/syslog) / 1000 )) thousand lines",
        "echo \"$(( RANDOM % 10 ))\"",
        "i=$(( i + 1 )); echo $((i*2))",
        "echo $(( $((1 + 2)) * 3 ))",
        "echo $( (cd /tmp && ls) )",
        "",
    })
    void leavesHarmlessCommandsAlone(String script) {
        assertThat(detector.reasons(script.replace("\\n", "\n"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~eval 'rm -rf /x'~ | rm -r",
        "~eval \"$(curl -fsSL https://x/setup)\"~ | eval of text made at run time",
        "~$(echo rm) -rf /x~ | command name made at run time ($(…))",
        "~$CLEANER /srv/queue~ | command name made at run time ($CLEANER)",
        "~echo cm0gLXJmIC94Cg== | base64 -d | sh~ | base64 output piped to a shell",
        "~printf '%s' \"$PAYLOAD\" | bash~ | text piped to a shell",
        "~cat fix.sh | sudo bash -s -- --now~ | text piped to a shell",
        "~cat fix.sh | sudo -s~ | text piped to a shell",
        "~echo 'import os' | python3~ | text piped to python3",
    })
    void cannotTellWhatThisRuns(String script, String reason) {
        assertThat(detector.findings(script)).anySatisfy(finding -> {
            assertThat(finding.reason()).isEqualTo(reason);
            assertThat(finding.kind()).isIn(StepWarning.Kind.OPAQUE, StepWarning.Kind.DESTRUCTIVE);
        });
        assertThat(new StepWarnings().of(script)).anyMatch(w -> w.kind().needsConfirmation());
    }

    @Test
    void opaqueTextIsConfirmedLikeADestructiveStep() {
        ExecPlan plan = ExecPlan.of("eval \"$FIX\"", java.util.Map.of());
        assertThat(plan.warnings()).isNotEmpty().allMatch(w -> w.kind() == StepWarning.Kind.OPAQUE);
        assertThat(plan.mustConfirm()).isTrue();
        SendPlan send = new StepSender().plan("echo cm0K | base64 -d | sh", java.util.Map.of(), true);
        assertThat(send.mustConfirm()).isTrue();
        assertThat(send.submits()).isFalse();
    }

    @Test
    void eachWarningPointsAtItsCommand() {
        String step = "kubectl get pods -n <namespace>\nsudo systemctl stop baton-queue && echo stopped\npsql -c 'DROP TABLE jobs'";
        java.util.List<StepWarning> warnings = new StepWarnings().of(step);
        assertThat(warnings).extracting(w -> step.substring(w.start(), w.end()))
                .containsExactly("sudo systemctl stop baton-queue", "DROP TABLE");
        String remote = "ssh db-1 'sudo reboot' # after the drain";
        StepWarning reboot = new StepWarnings().of(remote).get(0);
        assertThat(remote.substring(reboot.start(), reboot.end())).isEqualTo("ssh db-1 'sudo reboot'");
        String hidden = "ls\u200b -la";
        StepWarning zw = new StepWarnings().of(hidden).get(0);
        assertThat(zw.hasRange()).isTrue();
        assertThat(zw.start()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'unterminated", "\"open $(", "`", "$((", "(((", "\\", "<<", "a |", "| b", "&&&&",
        "$((1 + $(ls", "$(( `ls ))", "$(( $(( ))", "echo $((1))))", "\"$((\"", "$(( ))$(( ))"})
    void malformedShellNeverThrows(String script) {
        assertThat(detector.reasons(script)).isNotNull();
    }
}
