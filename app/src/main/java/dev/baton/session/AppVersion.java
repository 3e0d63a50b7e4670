package dev.baton.session;

/** The version the jar was built as, for {@code --version} and for bundles' manifests. */
public final class AppVersion {
    private AppVersion() {}

    public static String number() {
        String version = AppVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "development build";
    }
}
