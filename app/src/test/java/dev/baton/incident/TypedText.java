package dev.baton.incident;

import java.util.List;
import java.util.Map;

/** A value with each part's type spelled out, nested maps and lists in order: an Integer read as a Long differs. */
final class TypedText {
    private TypedText() {}

    static String of(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((key, item) -> out.append(of(key)).append('=').append(of(item)).append(", "));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(item -> out.append(of(item)).append(", "));
            return out.append(']').toString();
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
