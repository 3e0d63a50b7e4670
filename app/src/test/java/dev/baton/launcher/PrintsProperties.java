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
        String last = args.length > 0 ? args[args.length - 1] : "";
        // "wait": says its process id, then runs until a signal ends it, as the window does.
        if (last.equals("wait")) {
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.flush();
            waitForever();
        }
        // "jvm-options": the options the JVM was started with, one a line.
        if (last.equals("jvm-options")) {
            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                    .forEach(option -> System.out.println("jvm-option=" + option));
        }
        // "old-format": loads a class of an old class file, as every Baton command loads picocli's.
        if (last.equals("old-format")) {
            System.out.println(OldFormat.greeting());
        }
        // "echo-input": copies its first line of input to its output, as a command that asks something does.
        if (last.equals("echo-input")) {
            try {
                System.out.println("input=[" + new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine() + "]");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        // "exit=N" as the last word: ends with that status, as a command that failed does.
        if (args.length > 0 && args[args.length - 1].startsWith("exit=")) {
            System.exit(Integer.parseInt(args[args.length - 1].substring("exit=".length())));
        }
    }

    private static void waitForever() {
        Object never = new Object();
        synchronized (never) {
            while (true) {
                try {
                    never.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
