package dev.baton.step;

/**
 * An alert's value stands where Baton cannot quote it for the shell (inside arithmetic, a here-document read
 * by a shell, a here-document with a line break in the value …): the step is not filled, and the message
 * names the value and the place.
 */
public final class UnquotableValue extends RuntimeException {
    private final String name;

    UnquotableValue(String name, String where, String why) {
        super("The alert's value for " + name + " is not filled in " + where + ": " + why
                + ". Type the value yourself, or copy the step and edit it.");
        this.name = name;
    }

    /** The placeholder or variable whose value was refused. */
    public String name() {
        return name;
    }
}
