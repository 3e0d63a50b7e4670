package dev.baton.cli;

import picocli.CommandLine.IVersionProvider;

final class BatonVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"baton " + number()};
    }

    static String number() {
        return dev.baton.session.AppVersion.number();
    }
}
