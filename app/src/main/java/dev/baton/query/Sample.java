package dev.baton.query;

import java.time.Instant;

/** One value of a series at one time. Prometheus writes NaN and ±Inf as text; they arrive as doubles here. */
public record Sample(Instant at, double value) {}
