package io.mtgo.storage.mongodb;

import io.mtgo.storage.Arguments;

/**
 * The four collections of the MongoDB backend.
 * @param sessions sessions
 * @param peers cached peers
 * @param kv account metadata and update state
 * @param conversations conversation state
 */
public record MongoCollectionNames(String sessions, String peers, String kv, String conversations) {

    /** {@code mtgo_sessions}, {@code mtgo_peers}, {@code mtgo_kv}, {@code mtgo_conversations}. */
    public static final MongoCollectionNames DEFAULT = new MongoCollectionNames("mtgo_sessions", "mtgo_peers", "mtgo_kv",
            "mtgo_conversations");

    /**
     * Validates the names: each one MongoDB accepts, and four different ones (two kinds of record in
     * one collection could share an {@code _id}).
     */
    public MongoCollectionNames {
        requireCollectionName(sessions, "sessions collection");
        requireCollectionName(peers, "peers collection");
        requireCollectionName(kv, "kv collection");
        requireCollectionName(conversations, "conversations collection");
        requireDifferent(peers, "peers collection", sessions, "sessions collection");
        requireDifferent(kv, "kv collection", sessions, "sessions collection");
        requireDifferent(kv, "kv collection", peers, "peers collection");
        requireDifferent(conversations, "conversations collection", sessions, "sessions collection");
        requireDifferent(conversations, "conversations collection", peers, "peers collection");
        requireDifferent(conversations, "conversations collection", kv, "kv collection");
    }

    private static void requireCollectionName(String name, String field) {
        Arguments.requireText(name, 120, field);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (name.indexOf('$') >= 0) {
            throw new IllegalArgumentException(field + " must not contain '$'");
        }
        if (name.startsWith("system.")) {
            throw new IllegalArgumentException(field + " must not start with 'system.'");
        }
    }

    private static void requireDifferent(String name, String field, String other, String otherField) {
        if (name.equals(other)) {
            throw new IllegalArgumentException(field + " must differ from the " + otherField + " ('" + name + "')");
        }
    }

}
