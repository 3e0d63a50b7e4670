package dev.baton.handoff;

import java.util.List;

/** Fake secrets of every kind a bundle must not carry, and look-alikes it must keep. */
final class SecretFixtures {
    /** The value that must never reach a bundle, and the line it is met in. */
    record Fixture(String kind, String value, String line) {}

    static final String KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";

    static final List<Fixture> SECRETS = List.of(
            new Fixture("aws-access-key", "AKIAQ7Z3EXAMPLE4XK2M", "aws configure set aws_access_key_id AKIAQ7Z3EXAMPLE4XK2M"),
            new Fixture("github-token", "ghp_R8mN2xQ7vL4kT9pW3sY6zB1cD5fG0hJ8aK2e",
                    "git clone https://github.com/acme/ops --config http.extraheader=ghp_R8mN2xQ7vL4kT9pW3sY6zB1cD5fG0hJ8aK2e"),
            new Fixture("github-token", "github_pat_11ABCDEFG0Qx7RmN2vL4kT_9pW3sY6zB1cD5fG0hJ8aK2eQ",
                    "gh auth login --with-token github_pat_11ABCDEFG0Qx7RmN2vL4kT_9pW3sY6zB1cD5fG0hJ8aK2eQ"),
            new Fixture("slack-token", "xoxb-2048163255-4096327510-Tq8ZmR2vN7xL4kP9sW3yB6cD",
                    "curl -d token=xoxb-2048163255-4096327510-Tq8ZmR2vN7xL4kP9sW3yB6cD https://slack.com/api/chat.postMessage"),
            new Fixture("slack-webhook", "https://hooks.slack.com/services/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",
                    "notify https://hooks.slack.com/services/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 done"),
            new Fixture("bearer-token", "Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZg.k7Q",
                    "curl -H 'Authorization: Bearer Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZg.k7Q' https://api.internal/health"),
            new Fixture("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvbmNhbGwiLCJyb2xlIjoiYWRtaW4ifQ.mT3qZ8xV2rK9pL4wN7sY1cB6dF0hJ5gA",
                    "session cookie eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJvbmNhbGwiLCJyb2xlIjoiYWRtaW4ifQ.mT3qZ8xV2rK9pL4wN7sY1cB6dF0hJ5gA"),
            new Fixture("url-password", "Pg-R3pl1c4!", "psql postgres://replicator:Pg-R3pl1c4!@db1.internal:5432/app -c 'select 1'"),
            new Fixture("password-assignment", "hunter2-prod", "mysql --host db2 password=hunter2-prod"),
            new Fixture("password-assignment", "s3cr3t value", "export DB_SECRET=\"s3cr3t value\""),
            new Fixture("password-assignment", "q1w2e3r4t5", "{\"client_secret\": \"q1w2e3r4t5\", \"scope\": \"read\"}"),
            new Fixture("password-assignment", "redis-Auth-77", "redis-cli -h cache1 CONFIG SET requirepass redis-Auth-77 # token: redis-Auth-77"),
            new Fixture("password-option", "Hunt3r-db1", "mysql -h db1 -u root -pHunt3r-db1 -e 'show slave status'"),
            new Fixture("password-option", "adm1n-Pass", "curl -sf -u admin:adm1n-Pass https://grafana.internal/api/health"),
            new Fixture("password-option", "ssh-Pass-42", "sshpass -p ssh-Pass-42 ssh ops@db3 uptime"),
            new Fixture("password-assignment", "my-Pwd-81", "MYSQL_PWD=my-Pwd-81 mysql -h db3 -u ops -e 'select 1'"),
            new Fixture("password-option", "redis-Auth-93", "redis-cli -h cache1 -a redis-Auth-93 INFO replication"),
            new Fixture("password-option", "reg-Pass-17", "docker login -u ci -p reg-Pass-17 registry.example.org"),
            new Fixture("password-option", "key-Pass-55", "openssl rsa -in tls.key -passin pass:key-Pass-55 -out plain.key"),
            new Fixture("basic-auth", "b3BzOmh1bnRlcjI=", "Authorization: Basic b3BzOmh1bnRlcjI="),
            new Fixture("high-entropy", "9fK2mQ7xL4pR8vT1nZ6wB3yH", "the rotated credential is 9fK2mQ7xL4pR8vT1nZ6wB3yH now"),
            new Fixture("private-key", KEY_BODY, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + KEY_BODY
                    + "\nAAAAIHs4dGVzdGtleWJvZHlmb3JiYXRvbnJlZGFjdGlvbg==\n-----END OPENSSH PRIVATE KEY-----"));

    /** Lines that name a secret without holding one: they must come through unchanged. */
    static final List<String> NOT_SECRETS = List.of(
            "PGPASSWORD=$PGPASSWORD psql -h db1",
            "curl -H \"Authorization: Bearer ${API_TOKEN}\" https://api.internal",
            "export DB_PASSWORD=<db-password>",
            "password: {{ vault_db_password }}",
            "PGPASSWORD=<db_password: not recorded> psql",
            "      secretName: tls-cert",
            "kubectl get secret app-db -o jsonpath='{.data.password}' | base64 -d | wc -c",
            "sha256 3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea",
            "curl -u \"$USER:$PASSWORD\" https://registry.internal/v2/",
            "mysql -h db1 -u root -p -P 3306",
            "curl -u admin https://grafana.internal/api/health",
            "sshpass -p \"$SSHPASS\" ssh ops@db3 uptime");

    private SecretFixtures() {}
}
