package dev.baton.sources;

import java.util.Locale;

/** What a data source answers: metrics, logs or alerts. */
public enum SourceKind {
    PROMETHEUS("Prometheus"),
    LOKI("Loki"),
    ALERTMANAGER("Alertmanager");

    private final String displayName;

    SourceKind(String displayName) {
        this.displayName = displayName;
    }

    /** The key of this kind's list in config.yaml and baton.yaml. */
    public String configKey() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String displayName() {
        return displayName;
    }
}
