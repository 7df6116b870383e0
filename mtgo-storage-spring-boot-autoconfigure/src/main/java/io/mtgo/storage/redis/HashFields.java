package io.mtgo.storage.redis;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mtgo.storage.StorageException;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one Redis hash, both ways: built field by field for writing (text as UTF-8, bytes
 * as they are, {@code null} left out so that absent stays absent), or read from what HGETALL
 * returned, with typed getters that report corrupt data as a {@link StorageException}.
 */
final class HashFields {

    private final Map<String, byte[]> values;

    private final String what;

    private HashFields(Map<String, byte[]> values, String what) {
        this.values = values;
        this.what = what;
    }

    /**
     * Starts an empty set of fields to write.
     * @param what the record, for error messages (for example {@code "peer 42"})
     * @return the fields
     */
    static HashFields create(String what) {
        return new HashFields(new HashMap<>(), what);
    }

    /**
     * Reads the reply of HGETALL.
     * @param reply field to value, as returned by Spring Data Redis; empty when the key is absent
     * @param what the record, for error messages
     * @return the fields
     */
    static HashFields of(Map<byte[], byte[]> reply, String what) {
        Map<String, byte[]> values = new HashMap<>(reply.size() * 2);
        reply.forEach((field, value) -> values.put(new String(field, StandardCharsets.UTF_8), value));
        return new HashFields(values, what);
    }

    /**
     * Reads a flat {@code field, value, field, value...} list, as HGETALL returns inside a script.
     * @param reply the list
     * @param what the record, for error messages
     * @return the fields
     */
    static HashFields ofFlat(List<byte[]> reply, String what) {
        Map<String, byte[]> values = new HashMap<>(reply.size());
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            values.put(new String(reply.get(i), StandardCharsets.UTF_8), reply.get(i + 1));
        }
        return new HashFields(values, what);
    }

    /** @param action receives every field name and its raw value */
    void forEach(java.util.function.BiConsumer<String, byte[]> action) {
        this.values.forEach(action);
    }

    boolean isEmpty() {
        return this.values.isEmpty();
    }

    HashFields put(String field, @Nullable String value) {
        if (value != null) {
            this.values.put(field, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    HashFields put(String field, long value) {
        return put(field, Long.toString(value));
    }

    HashFields put(String field, boolean value) {
        return put(field, value ? "1" : "0");
    }

    HashFields putBytes(String field, byte @Nullable [] value) {
        if (value != null) {
            this.values.put(field, value);
        }
        return this;
    }

    /**
     * Appends the fields as {@code field, value} pairs, ready for HSET.
     * @param target the argument list
     */
    void appendTo(List<byte[]> target) {
        this.values.forEach((field, value) -> {
            target.add(field.getBytes(StandardCharsets.UTF_8));
            target.add(value);
        });
    }

    /** @return the number of fields */
    int size() {
        return this.values.size();
    }

    @Nullable String text(String field) {
        byte[] value = this.values.get(field);
        return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
    }

    String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw corrupt("misses the field '" + field + "'");
        }
        return value;
    }

    byte @Nullable [] bytes(String field) {
        return this.values.get(field);
    }

    long requiredLong(String field) {
        String value = requiredText(field);
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException ex) {
            throw corrupt("has a field '" + field + "' that is not a number");
        }
    }

    long optionalLong(String field, long fallback) {
        return (this.values.containsKey(field)) ? requiredLong(field) : fallback;
    }

    int requiredInt(String field) {
        long value = requiredLong(field);
        if (value != (int) value) {
            throw corrupt("has a field '" + field + "' out of range");
        }
        return (int) value;
    }

    boolean flag(String field) {
        return "1".equals(text(field));
    }

    /**
     * Builds the exception for data this class cannot decode.
     * @param problem what is wrong
     * @return the exception
     */
    StorageException corrupt(String problem) {
        return new StorageException("Stored " + this.what + " is corrupt: it " + problem);
    }

    /** Lists field names only: values may be an auth key or api hash. */
    @Override
    public String toString() {
        return this.what + this.values.keySet();
    }

}
