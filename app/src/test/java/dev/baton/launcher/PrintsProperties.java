package dev.baton.launcher;

/** The program the launcher tests start through the launcher: prints the properties it got. */
public final class PrintsProperties {

    private PrintsProperties() {
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"baton.shell", "baton.responder", "other"}) {
            out.append(name).append("=[").append(System.getProperty(name)).append("]\n");
        }
        System.out.print(out);
        // "exit=N" as the last word: ends with that status, as a command that failed does.
        if (args.length > 0 && args[args.length - 1].startsWith("exit=")) {
            System.exit(Integer.parseInt(args[args.length - 1].substring("exit=".length())));
        }
    }
}
