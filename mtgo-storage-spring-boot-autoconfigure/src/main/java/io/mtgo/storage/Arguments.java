package io.mtgo.storage;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/**
 * Argument rules shared by the value types and every backend. Each check throws
 * {@link IllegalArgumentException} naming the offending field, so nothing invalid ever reaches a
 * backend.
 */
public final class Arguments {

    /** Largest DC id accepted (production DCs are 1 to 5; test and CDN DCs use higher ids). */
    public static final int MAX_DC_ID = 65_535;

    /** Longest name, title, address or similar text accepted, in UTF-16 chars. */
    public static final int MAX_TEXT_LENGTH = 255;

    /** Size of a Telegram auth key, in bytes. */
    public static final int AUTH_KEY_LENGTH = 256;

    /** Largest update state accepted, in bytes. */
    public static final int MAX_UPDATE_STATE_LENGTH = 65_535;

    private Arguments() {
    }

    /**
     * Rejects {@code null}.
     * @param <T> the value's type
     * @param value the value
     * @param field the field name for the message
     * @return the value
     */
    public static <T> T requireNonNull(@Nullable T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /**
     * Checks a DC id: 0 to {@link #MAX_DC_ID}.
     * @param dcId the DC id
     * @param field the field name for the message
     * @return the DC id
     */
    public static int requireDcId(int dcId, String field) {
        if (dcId < 0 || dcId > MAX_DC_ID) {
            throw new IllegalArgumentException(field + " must be between 0 and " + MAX_DC_ID + " but was " + dcId);
        }
        return dcId;
    }

    /**
     * Checks an integer range.
     * @param value the value
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @param field the field name for the message
     * @return the value
     */
    public static int requireRange(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /**
     * Checks text that every backend can store and read back exactly: not {@code null}, at most
     * {@code maxLength} chars, no NUL or other control character except tab and newlines, and
     * well-formed UTF-16 (no lone surrogates, which no database stores faithfully).
     * @param value the text
     * @param maxLength the longest accepted length
     * @param field the field name for the message
     * @return the text
     */
    public static String requireText(@Nullable String value, int maxLength, String field) {
        value = requireNonNull(value, field);
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters but was " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new IllegalArgumentException(field + " must not contain control character U+"
                        + String.format("%04X", (int) c) + " (at index " + i + ")");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(field + " contains an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(field + " contains an unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    /**
     * Like {@link #requireText(String, int, String)} but {@code null} is allowed.
     * @param value the text or {@code null}
     * @param maxLength the longest accepted length
     * @param field the field name for the message
     * @return the text or {@code null}
     */
    public static @Nullable String optionalText(@Nullable String value, int maxLength, String field) {
        return (value != null) ? requireText(value, maxLength, field) : null;
    }

    /**
     * Checks update-state bytes: not {@code null}, at most {@link #MAX_UPDATE_STATE_LENGTH}.
     * @param state the bytes
     * @param field the field name for the message
     * @return the bytes
     */
    public static byte[] requireUpdateState(byte @Nullable [] state, String field) {
        state = requireNonNull(state, field);
        if (state.length > MAX_UPDATE_STATE_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_UPDATE_STATE_LENGTH
                    + " bytes but was " + state.length);
        }
        return state;
    }

    /**
     * Rejects a collection that is {@code null} or holds {@code null} elements.
     * @param <T> the element type
     * @param values the collection
     * @param field the field name for the message
     * @return the collection
     */
    public static <T> Collection<T> requireNoNullElements(@Nullable Collection<T> values, String field) {
        values = requireNonNull(values, field);
        int index = 0;
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + "[" + index + "] must not be null");
            }
            index++;
        }
        return values;
    }

}
