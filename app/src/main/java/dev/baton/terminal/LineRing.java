package dev.baton.terminal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A list that adds at its end and drops from either end without moving what stays: a circular array. A
 * terminal's scrollback drops its oldest line for every line it takes once it is full; in a plain list
 * that moves every other line one place, thousands of times a second under a flood of output.
 * Not thread-safe: the terminal's text buffer lock guards it.
 */
final class LineRing<T> {
    private Object[] items;
    /** Index in {@link #items} of the first element. */
    private int head;
    private int size;

    LineRing(int initialCapacity) {
        items = new Object[Math.max(1, initialCapacity)];
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    T get(int index) {
        checkIndex(index);
        return (T) items[slot(index)];
    }

    /** Adds at the end, growing when full (the caller drops from the front first to stay bounded). */
    void add(T item) {
        if (size == items.length) {
            grow();
        }
        items[slot(size)] = item;
        size++;
    }

    /** Drops the first {@code count} elements. */
    void removeFirst(int count) {
        checkCount(count);
        for (int i = 0; i < count; i++) {
            items[slot(i)] = null;
        }
        head = slot(count);
        size -= count;
    }

    /** Drops the last {@code count} elements. */
    void removeLast(int count) {
        checkCount(count);
        for (int i = size - count; i < size; i++) {
            items[slot(i)] = null;
        }
        size -= count;
    }

    void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
    }

    /** A copy of the elements, first to last. */
    List<T> toList() {
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(get(i));
        }
        return list;
    }

    private int slot(int index) {
        int slot = head + index;
        return slot >= items.length ? slot - items.length : slot;
    }

    private void grow() {
        Object[] larger = new Object[items.length * 2];
        for (int i = 0; i < size; i++) {
            larger[i] = items[slot(i)];
        }
        items = larger;
        head = 0;
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of " + size + " lines");
        }
    }

    private void checkCount(int count) {
        if (count < 0 || count > size) {
            throw new IndexOutOfBoundsException("removing " + count + " of " + size + " lines");
        }
    }
}
