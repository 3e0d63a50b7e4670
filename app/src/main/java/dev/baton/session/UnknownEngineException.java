package dev.baton.session;

/**
 * An inventory or config.yaml names an engine Baton does not have: the run waits for the responder to choose one,
 * rather than guess. The message names who set it and where; control characters in those values are replaced.
 */
public final class UnknownEngineException extends IllegalArgumentException {
    /**
     * @param setBy who set it ("group prod_db", "group prod_db in your config.yaml")
     * @param where the inventory file, empty when {@code setBy} names the file
     * @param what  the setting's name there ("baton_engine", "the engine")
     */
    public UnknownEngineException(String setBy, String where, String what, String value) {
        super(shown(setBy + (where.isEmpty() ? "" : " (" + where + ")") + " sets " + what + " '" + cut(value)
                + "', which Baton does not have: its engines are ssh and ansible. Fix it there, or choose the engine"
                + " for this run (--engine ssh|ansible, or Engine in the node dialog)"));
    }

    private static String cut(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    static String shown(String text) {
        return text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
    }
}
