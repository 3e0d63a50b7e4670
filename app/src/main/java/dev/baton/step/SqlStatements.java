package dev.baton.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL in a step's text that destroys data (and Redis's FLUSHALL and FLUSHDB, typed at a client's prompt the same way): DROP, TRUNCATE, DELETE or UPDATE without WHERE, ALTER TABLE … DROP,
 * purged binary logs, terminated backends. Read from the whole text, wherever the statement sits (psql -c,
 * a heredoc, a mysql -e).
 */
final class SqlStatements {
    /** One dangerous statement and where it stands in the text ({@code start} to {@code end}). */
    record Danger(int start, int end, String reason) {}

    private SqlStatements() {
    }

    private static final Pattern SQL_DROP = Pattern.compile(
            "\\bDROP\\s+(TABLE|DATABASE|SCHEMA|INDEX|USER|ROLE|VIEW|MATERIALIZED\\s+VIEW|TABLESPACE|EXTENSION)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_TRUNCATE = Pattern.compile("\\bTRUNCATE\\s+(TABLE\\s+)?[\"A-Za-z_]", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_DELETE = Pattern.compile("\\bDELETE\\s+FROM\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_UPDATE = Pattern.compile("\\bUPDATE\\s+[\"\\w.]+\\s+SET\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_ALTER_DROP = Pattern.compile("\\bALTER\\s+TABLE\\b[^;]*?\\bDROP\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_PURGE_LOGS = Pattern.compile("\\bPURGE\\s+(BINARY|MASTER)\\s+LOGS\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_WHERE = Pattern.compile("\\bWHERE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_FUNCTIONS = Pattern.compile(
            "\\b(pg_terminate_backend|pg_drop_replication_slot)\\b", Pattern.CASE_INSENSITIVE);

    /** Redis's whole-database wipes, typed at {@code redis-cli}'s prompt or passed to it. */
    private static final Pattern REDIS_FLUSH = Pattern.compile("\\b(FLUSHALL|FLUSHDB)\\b", Pattern.CASE_INSENSITIVE);

    private static final List<String> SQL_KEYWORDS = List.of("drop", "truncate", "delete", "update", "alter", "pg_",
            "purge", "flush");

    /** Each dangerous statement in the text, in the order the checks find them. */
    static List<Danger> dangers(String script) {
        List<Danger> found = new ArrayList<>();
        String lower = script.toLowerCase(Locale.ROOT);
        if (SQL_KEYWORDS.stream().noneMatch(lower::contains)) {
            return found; // most steps hold no SQL keyword at all: a few plain searches instead of six regexes
        }
        Matcher drop = SQL_DROP.matcher(script);
        while (drop.find()) {
            found.add(new Danger(drop.start(), drop.end(),
                    "SQL DROP " + drop.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")));
        }
        Matcher truncate = SQL_TRUNCATE.matcher(script);
        if (truncate.find()) {
            found.add(new Danger(truncate.start(), truncate.end(), "SQL TRUNCATE"));
        }
        withoutWhere(SQL_DELETE, script, "SQL DELETE without WHERE", found);
        withoutWhere(SQL_UPDATE, script, "SQL UPDATE without WHERE", found);
        Matcher alter = SQL_ALTER_DROP.matcher(script);
        if (alter.find()) {
            found.add(new Danger(alter.start(), alter.end(), "SQL ALTER TABLE … DROP"));
        }
        Matcher purge = SQL_PURGE_LOGS.matcher(script);
        if (purge.find()) {
            found.add(new Danger(purge.start(), purge.end(), "SQL PURGE BINARY LOGS"));
        }
        Matcher flush = REDIS_FLUSH.matcher(script);
        while (flush.find()) {
            found.add(new Danger(flush.start(), flush.end(), "Redis " + flush.group(1).toUpperCase(Locale.ROOT)
                    + " (deletes every key)"));
        }
        Matcher function = SQL_FUNCTIONS.matcher(script);
        while (function.find()) {
            found.add(new Danger(function.start(), function.end(), function.group(1).toLowerCase(Locale.ROOT)));
        }
        return found;
    }

    /** The statement runs from the keyword to the next semicolon, double quote (psql -c "…") or end of text. */
    private static void withoutWhere(Pattern statement, String script, String reason, List<Danger> found) {
        Matcher m = statement.matcher(script);
        while (m.find()) {
            int end = m.end();
            while (end < script.length() && ";\"".indexOf(script.charAt(end)) < 0) {
                end++;
            }
            if (!SQL_WHERE.matcher(script.substring(m.end(), end)).find()) {
                found.add(new Danger(m.start(), end, reason));
                return;
            }
        }
    }
}
