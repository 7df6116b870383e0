package io.mtgo.storage;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Telegram username rules, in one place for every backend.
 * <p>
 * A username is 5 to 32 ASCII letters, digits or underscores; a single leading {@code @} is
 * ignored. Usernames compare case-insensitively: backends index the {@linkplain #key(String) key}
 * (lower case) and keep the {@linkplain #display(String) display form} (original case, no
 * {@code @}) for reading back. Anything else is an {@link IllegalArgumentException}.
 */
public final class Usernames {

    /** Shortest username accepted. */
    public static final int MIN_LENGTH = 5;

    /** Longest username accepted. */
    public static final int MAX_LENGTH = 32;

    private Usernames() {
    }

    /**
     * Validates a username and returns it without the leading {@code @}, in its original case.
     * @param username the username, with or without {@code @}
     * @param field the field name for the message
     * @return the display form
     */
    public static String display(@Nullable String username, String field) {
        username = Arguments.requireNonNull(username, field);
        int start = username.startsWith("@") ? 1 : 0;
        validate(username, start, field);
        return (start == 0) ? username : username.substring(1);
    }

    /**
     * Validates a username and returns the key backends index and compare: lower case, no
     * {@code @}.
     * @param username the username, with or without {@code @}
     * @param field the field name for the message
     * @return the lookup key
     */
    public static String key(@Nullable String username, String field) {
        username = Arguments.requireNonNull(username, field);
        int start = username.startsWith("@") ? 1 : 0;
        boolean upperCase = validate(username, start, field);
        String display = (start == 0) ? username : username.substring(1);
        // A name already in lower case (the usual lookup) is its own key: lower-casing it would
        // scan it once more to change nothing.
        return upperCase ? display.toLowerCase(Locale.ROOT) : display;
    }

    /** @return whether the name has upper-case letters */
    private static boolean validate(String username, int start, String field) {
        int length = username.length() - start;
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters without '@' but was " + length);
        }
        boolean upperCase = false;
        for (int i = start; i < username.length(); i++) {
            char c = username.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            upperCase |= upper;
            boolean allowed = (c >= 'a' && c <= 'z') || upper || (c >= '0' && c <= '9') || c == '_';
            if (!allowed) {
                throw new IllegalArgumentException(field + " may contain only letters a-z, digits and '_' (invalid character at index "
                        + i + ")");
            }
        }
        return upperCase;
    }

    /**
     * Returns the lookup key of a username already in display form, or {@code null}.
     * @param display a display form from {@link #display}, or {@code null}
     * @return the lookup key, or {@code null}
     */
    public static @Nullable String keyOf(@Nullable String display) {
        return (display != null) ? display.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * Returns the lookup key of a peer's {@linkplain Peer#username() username}, or {@code null};
     * the same as {@code keyOf(peer.username())}, worked out once per peer.
     * @param peer the peer
     * @return the lookup key, or {@code null} when the peer has no username
     */
    public static @Nullable String keyOf(Peer peer) {
        return peer.usernameKey();
    }

}
