package dev.baton.runbook;

import java.time.Duration;

/** A timed phase such as "Immediate Actions (0-2 minutes)": when it starts and ends after the incident began. */
public record Phase(String name, Duration from, Duration to, int line) {
}
