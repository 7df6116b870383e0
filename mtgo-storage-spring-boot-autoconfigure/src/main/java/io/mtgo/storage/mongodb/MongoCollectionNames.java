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
     * Validates the names.
     */
    public MongoCollectionNames {
        Arguments.requireText(sessions, 120, "sessions collection");
        Arguments.requireText(peers, 120, "peers collection");
        Arguments.requireText(kv, 120, "kv collection");
        Arguments.requireText(conversations, 120, "conversations collection");
    }

}
