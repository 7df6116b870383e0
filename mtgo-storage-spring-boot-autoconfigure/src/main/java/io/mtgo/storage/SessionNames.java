package io.mtgo.storage;

import org.jspecify.annotations.Nullable;

/**
 * What a session name may be: 1 to {@link #MAX_LENGTH} chars, not blank, no leading or trailing
 * whitespace, and text every backend stores exactly (see {@link Arguments#requireText}). Names are
 * case-sensitive: {@code "Bot"} and {@code "bot"} are two sessions on every backend.
 * <p>
 * Characters that mean something to a backend ({@code :}, {@code *}, {@code {}}, {@code %},
 * {@code '}) are allowed; each backend escapes them so one session can never reach another's data.
 */
public final class SessionNames {

    /** Longest session name accepted. */
    public static final int MAX_LENGTH = 128;

    private SessionNames() {
    }

    /**
     * Checks a session name.
     * @param name the name
     * @param field the field name for the message
     * @return the name
     */
    public static String requireValid(@Nullable String name, String field) {
        name = Arguments.requireText(name, MAX_LENGTH, field);
        if (name.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (Character.isWhitespace(name.charAt(0)) || Character.isWhitespace(name.charAt(name.length() - 1))) {
            throw new IllegalArgumentException(field + " must not start or end with whitespace");
        }
        return name;
    }

}
