package dev.baton.runbook;

import dev.baton.step.StepWarning;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * A step's warnings, worked out the first time anything looks at them (shows, sends, runs, lints, exports or
 * writes the step, or compares it) rather than for every block as a library is read: the first open of a large
 * library lists it sooner, and most steps are never looked at. Every way of reading the list (its size, an
 * element, an iterator, equality) works them out first, so no user of {@link Step#warnings()} can see a step
 * without its warnings. Read from any thread: they are worked out once.
 */
final class WarningsOnFirstLook extends AbstractList<StepWarning> implements RandomAccess {
    private Supplier<List<StepWarning>> find;
    private volatile List<StepWarning> found;

    WarningsOnFirstLook(Supplier<List<StepWarning>> find) {
        this.find = find;
    }

    private List<StepWarning> found() {
        List<StepWarning> warnings = found;
        if (warnings == null) {
            synchronized (this) {
                warnings = found;
                if (warnings == null) {
                    warnings = find();
                    found = warnings;
                    find = null; // the command text and the detectors are not kept for it
                }
            }
        }
        return warnings;
    }

    /**
     * Read at parse time, a command the detectors could not get through kept its file out of the library; looked at
     * later, it is one Baton could not check: it asks before it is sent, as for any command it cannot read.
     */
    private List<StepWarning> find() {
        try {
            return List.copyOf(find.get());
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(new StepWarning(StepWarning.Kind.OPAQUE,
                    "Baton could not check this command (" + e.getClass().getSimpleName() + ")", -1, -1));
        }
    }

    /** Whether they have been worked out: for tests of when that happens. */
    boolean worked() {
        return found != null;
    }

    @Override
    public StepWarning get(int index) {
        return found().get(index);
    }

    @Override
    public int size() {
        return found().size();
    }
}
