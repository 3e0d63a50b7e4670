package dev.baton.launcher;

/** The program {@link LauncherOptionsTest} starts through the launcher: prints the properties it got. */
public final class PrintsProperties {

    private PrintsProperties() {
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"baton.shell", "baton.responder", "other"}) {
            out.append(name).append("=[").append(System.getProperty(name)).append("]\n");
        }
        System.out.print(out);
    }
}
