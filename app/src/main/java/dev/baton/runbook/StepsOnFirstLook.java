package dev.baton.runbook;

import dev.baton.step.StepWarning;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A runbook's steps, read from its code blocks the first time anything looks at them (shows, sends, lints, renders,
 * writes or compares them) rather than as its library is read: reading the blocks (their kind, transcripts, client
 * sessions, placeholders) was a fifth of a first open's parsing, and a list of runbooks needs none of it. Every way of
 * reading the list (its size, an element, an iterator, equality) reads them first, so no user of
 * {@link Runbook#steps()} sees a runbook without them. Read from any thread: they are read once.
 */
final class StepsOnFirstLook extends AbstractList<Step> implements RandomAccess {
    /** A code block as the runbook's reading met it: what reading it as a step needs. */
    record Block(int number, List<String> sectionPath, String label, String info, String literal, int line) {}

    private List<Block> blocks;
    private Function<Block, Step> reader;
    private UnaryOperator<List<Step>> then;
    private volatile List<Step> steps;

    /** {@code then} is given the blocks read as steps, and gives the runbook's steps (its confirm: list applied). */
    StepsOnFirstLook(List<Block> blocks, Function<Block, Step> reader, UnaryOperator<List<Step>> then) {
        this.blocks = List.copyOf(blocks);
        this.reader = reader;
        this.then = then;
    }

    private List<Step> steps() {
        List<Step> read = steps;
        if (read == null) {
            synchronized (this) {
                read = steps;
                if (read == null) {
                    List<Step> each = new ArrayList<>(blocks.size());
                    for (Block block : blocks) {
                        each.add(read(block));
                    }
                    read = List.copyOf(then.apply(each));
                    steps = read;
                    blocks = null; // the blocks' text and the reader are not kept for it
                    reader = null;
                    then = null;
                }
            }
        }
        return read;
    }

    /**
     * Read with its runbook, a block the reader could not get through kept the file out of the library; looked at
     * later, it is shown as the text it is, never sent, and says why.
     */
    private Step read(Block block) {
        try {
            return reader.apply(block);
        } catch (RuntimeException | StackOverflowError e) {
            String text = block.literal().endsWith("\n") ? block.literal().substring(0, block.literal().length() - 1)
                    : block.literal();
            return new Step(block.number(), block.sectionPath(), block.label(), StepReader.language(block.info()),
                    StepKind.TEXT, text, List.of(), List.of(new StepWarning(StepWarning.Kind.OPAQUE,
                            "Baton could not read this block as a step (" + e.getClass().getSimpleName()
                                    + "); shown as text, not sent", -1, -1)), block.line());
        }
    }

    /** Whether they have been read: for tests of when that happens. */
    boolean read() {
        return steps != null;
    }

    @Override
    public Step get(int index) {
        return steps().get(index);
    }

    @Override
    public int size() {
        return steps().size();
    }
}
