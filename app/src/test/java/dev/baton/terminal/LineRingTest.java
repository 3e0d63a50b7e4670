package dev.baton.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineRingTest {
    @Test
    void behavesAsAPlainListOverGeneratedOperations() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            LineRing<Integer> ring = new LineRing<>(1 + random.nextInt(8));
            List<Integer> list = new ArrayList<>();
            int next = 0;
            for (int step = 0; step < 2_000; step++) {
                int op = random.nextInt(100);
                String where = "seed " + seed + ", step " + step;
                if (op < 60) {
                    ring.add(next);
                    list.add(next);
                    next++;
                } else if (op < 75 && !list.isEmpty()) {
                    int count = random.nextInt(list.size() + 1);
                    ring.removeFirst(count);
                    list.subList(0, count).clear();
                } else if (op < 85 && !list.isEmpty()) {
                    int count = random.nextInt(list.size() + 1);
                    ring.removeLast(count);
                    list.subList(list.size() - count, list.size()).clear();
                } else if (op < 87) {
                    ring.clear();
                    list.clear();
                } else if (!list.isEmpty()) {
                    int index = random.nextInt(list.size());
                    assertEquals(list.get(index), ring.get(index), where);
                }
                assertEquals(list.size(), ring.size(), where);
            }
            assertEquals(list, ring.toList(), "seed " + seed);
        }
    }

    @Test
    void refusesIndexesAndCountsOutsideItsElements() {
        LineRing<String> ring = new LineRing<>(2);
        ring.add("a");
        ring.add("b");
        ring.add("c");
        ring.removeFirst(1);
        assertEquals(List.of("b", "c"), ring.toList());
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(2));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.removeFirst(3));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.removeLast(-1));
    }
}
