package dev.provenance.maven;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;

/**
 * Renders a value for a digest, with every component of a record and of the records inside it. It reads components by
 * reflection instead of calling a record's {@code toString}, whose first call in a JVM links the record methods'
 * bootstrap, about 30 ms in a fresh JVM, which a repeat build that keeps its SBOM would spend on that alone.
 */
final class RecordText {

    private RecordText() {}

    /** Returns {@code value} as text: a record as its name and components, a collection item by item. */
    static String of(Object value) {
        StringBuilder text = new StringBuilder();
        append(text, value);
        return text.toString();
    }

    private static void append(StringBuilder text, Object value) {
        if (value instanceof Record record) {
            text.append(record.getClass().getSimpleName()).append('[');
            RecordComponent[] components = record.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                if (i > 0) {
                    text.append(", ");
                }
                text.append(components[i].getName()).append('=');
                append(text, component(record, components[i]));
            }
            text.append(']');
        } else if (value instanceof Collection<?> collection) {
            text.append('[');
            boolean first = true;
            for (Object item : collection) {
                if (!first) {
                    text.append(", ");
                }
                first = false;
                append(text, item);
            }
            text.append(']');
        } else {
            text.append(value);
        }
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "could not read " + component.getName() + " of "
                            + record.getClass().getName(),
                    e);
        }
    }
}
