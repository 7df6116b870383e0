package io.mtgo.storage;

/**
 * A lease on a session: for as long as it lasts, only its owner may use the session's auth key.
 * Telegram answers {@code AUTH_KEY_DUPLICATED} (and may revoke the key) when two running clients
 * use one auth key at once, so applications that can run twice (rolling updates, worker farms, a
 * bot started twice) take the lease before connecting. See {@link SessionLeases}.
 *
 * @param sessionName the leased session's name
 * @param owner who holds the lease (unique per running instance, for example host name and pid)
 * @param token the fencing token: strictly greater every time the lease is acquired, also after it
 * expired or was released, so that a stale holder can be told apart from the current one
 * @param expiresAt when the lease ends unless renewed, in epoch milliseconds by the store's clock
 * (the database server's where it has one), which need not agree with this JVM's clock
 */
public record SessionLease(String sessionName, String owner, long token, long expiresAt) {

    /** Longest owner name every backend stores. */
    public static final int MAX_OWNER_LENGTH = 255;

    /**
     * Checks the components.
     * @throws IllegalArgumentException naming the invalid component
     */
    public SessionLease {
        SessionNames.requireValid(sessionName, "sessionName");
        requireOwner(owner);
        if (token < 1) {
            throw new IllegalArgumentException("token must be at least 1 but was " + token);
        }
    }

    /**
     * Checks an owner name: not blank, at most {@link #MAX_OWNER_LENGTH} characters.
     * @param owner the owner name
     * @return the owner name
     * @throws IllegalArgumentException naming the field {@code owner}
     */
    public static String requireOwner(String owner) {
        Arguments.requireText(owner, MAX_OWNER_LENGTH, "owner");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        return owner;
    }

}
