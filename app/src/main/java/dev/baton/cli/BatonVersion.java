package dev.baton.cli;

import picocli.CommandLine.IVersionProvider;

final class BatonVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = BatonVersion.class.getPackage().getImplementationVersion();
        return new String[] {"baton " + (version != null ? version : "development build")};
    }
}
