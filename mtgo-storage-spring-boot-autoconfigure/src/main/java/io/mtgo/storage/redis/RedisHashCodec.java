package io.mtgo.storage.redis;

import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationData;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import org.jspecify.annotations.Nullable;

/**
 * How sessions, peers and conversations map to Redis hash fields. Field names are short snake
 * case, numbers are decimal text (readable in {@code redis-cli}), the auth key is raw bytes, and
 * optional values are absent fields rather than empty strings.
 */
final class RedisHashCodec {

    // peer fields
    static final String PEER_TYPE = "type";

    static final String PEER_ACCESS_HASH = "access_hash";

    /** The username in display form. The save-peers script reads it back to maintain the index. */
    static final String PEER_USERNAME = "username";

    static final String PEER_USERNAMES = "usernames";

    static final String PEER_FIRST_NAME = "first_name";

    static final String PEER_LAST_NAME = "last_name";

    static final String PEER_PHONE = "phone";

    static final String PEER_BOT = "bot";

    static final String PEER_PHOTO_ID = "photo_id";

    static final String PEER_LANGUAGE = "language";

    static final String PEER_LAST_UPDATED = "last_updated";

    static final String PEER_MIN = "min";

    /**
     * The fields the min-peer rule reads; a save that merged against them checks, atomically,
     * that they are unchanged (see {@code save-peers.lua}).
     */
    static final List<String> PEER_CREDENTIAL_FIELDS = List.of(PEER_MIN, PEER_ACCESS_HASH, PEER_PHONE);

    // conversation fields
    static final String CONVERSATION_CREATED_AT = "created_at";

    private static final String CONVERSATION_NAME = "name";

    private static final String CONVERSATION_STEP = "step";

    private static final String CONVERSATION_DATA = "data";

    private static final String CONVERSATION_UPDATED_AT = "updated_at";

    // session fields
    private static final String SESSION_DC_ID = "dc_id";

    private static final String SESSION_SERVER_ADDRESS = "server_address";

    private static final String SESSION_PORT = "port";

    private static final String SESSION_TEST_MODE = "test_mode";

    private static final String SESSION_AUTH_KEY = "auth_key";

    private static final String SESSION_API_ID = "api_id";

    private static final String SESSION_API_HASH = "api_hash";

    private static final String SESSION_DATE = "date";

    /**
     * Usernames are {@code [A-Za-z0-9_]} (see {@link io.mtgo.storage.Usernames}), so a comma
     * separates them unambiguously.
     */
    private static final String USERNAME_SEPARATOR = ",";

    private RedisHashCodec() {
    }

    static HashFields encodePeer(Peer peer) {
        return HashFields.create("peer " + peer.markedId())
            .put(PEER_TYPE, peer.type().name())
            .put(PEER_ACCESS_HASH, peer.accessHash())
            .put(PEER_USERNAME, peer.username())
            .put(PEER_USERNAMES, peer.usernames().isEmpty() ? null : String.join(USERNAME_SEPARATOR, peer.usernames()))
            .put(PEER_FIRST_NAME, peer.firstName())
            .put(PEER_LAST_NAME, peer.lastName())
            .put(PEER_PHONE, peer.phoneNumber())
            .put(PEER_BOT, peer.bot())
            .put(PEER_PHOTO_ID, peer.photoId())
            .put(PEER_LANGUAGE, peer.language())
            .put(PEER_LAST_UPDATED, peer.lastUpdated())
            .put(PEER_MIN, peer.min());
    }

    /** @param markedId the marked id the peer is keyed by (see {@link io.mtgo.storage.PeerIds}) */
    static Peer decodePeer(long markedId, HashFields fields) {
        long id = io.mtgo.storage.PeerIds.id(markedId);
        PeerType type;
        try {
            type = PeerType.valueOf(fields.requiredText(PEER_TYPE));
        }
        catch (IllegalArgumentException ex) {
            throw fields.corrupt("has an unknown peer type");
        }
        String usernames = fields.text(PEER_USERNAMES);
        try {
            return Peer.builder(id, type)
                .accessHash(fields.requiredLong(PEER_ACCESS_HASH))
                .username(fields.text(PEER_USERNAME))
                .usernames((usernames != null) ? List.of(usernames.split(USERNAME_SEPARATOR)) : List.of())
                .firstName(fields.text(PEER_FIRST_NAME))
                .lastName(fields.text(PEER_LAST_NAME))
                .phoneNumber(fields.text(PEER_PHONE))
                .bot(fields.flag(PEER_BOT))
                .photoId(fields.optionalLong(PEER_PHOTO_ID, 0))
                .language(fields.text(PEER_LANGUAGE))
                .lastUpdated(fields.optionalLong(PEER_LAST_UPDATED, 0))
                .min(fields.flag(PEER_MIN))
                .build();
        }
        catch (IllegalArgumentException ex) {
            throw fields.corrupt("holds an invalid value (" + ex.getMessage() + ")");
        }
    }

    /** @param storedAuthKey what to store for the auth key (from {@code AbstractStorage.authKeyForStorage}) */
    static HashFields encodeSession(Session session, byte @Nullable [] storedAuthKey) {
        return HashFields.create("session")
            .put(SESSION_DC_ID, session.dcId())
            .put(SESSION_SERVER_ADDRESS, session.serverAddress())
            .put(SESSION_PORT, session.port())
            .put(SESSION_TEST_MODE, session.testMode())
            .putBytes(SESSION_AUTH_KEY, storedAuthKey)
            .put(SESSION_API_ID, session.apiId())
            .put(SESSION_API_HASH, session.apiHash())
            .put(SESSION_DATE, session.date());
    }

    /** @param authKeys turns the stored auth key back into the key (decrypting it when encrypted) */
    static Session decodeSession(String name, HashFields fields, java.util.function.UnaryOperator<byte[]> authKeys) {
        try {
            return Session.builder(name)
                .dcId(fields.requiredInt(SESSION_DC_ID))
                .serverAddress(fields.text(SESSION_SERVER_ADDRESS))
                .port((int) fields.optionalLong(SESSION_PORT, 0))
                .testMode(fields.flag(SESSION_TEST_MODE))
                .authKey(authKeys.apply(fields.bytes(SESSION_AUTH_KEY)))
                .apiId((int) fields.optionalLong(SESSION_API_ID, 0))
                .apiHash(fields.text(SESSION_API_HASH))
                .date(fields.optionalLong(SESSION_DATE, 0))
                .build();
        }
        catch (IllegalArgumentException ex) {
            // The message names the field only; a value (an auth key) never reaches it.
            throw fields.corrupt("holds an invalid value (" + ex.getMessage() + ")");
        }
    }

    /**
     * Encodes a conversation. When its creation time is 0, {@code now} is written and the
     * save script keeps a stored creation time instead (see {@code replace-hash.lua}).
     */
    static HashFields encodeConversation(Conversation conversation, long now) {
        long createdAt = (conversation.createdAt() != 0) ? conversation.createdAt() : now;
        return HashFields.create("conversation " + conversation.chatId() + "/" + conversation.userId())
            .put(CONVERSATION_NAME, conversation.name())
            .put(CONVERSATION_STEP, conversation.step())
            .put(CONVERSATION_DATA, conversation.data().isEmpty() ? null : ConversationData.encode(conversation.data()))
            .put(CONVERSATION_CREATED_AT, createdAt)
            .put(CONVERSATION_UPDATED_AT, conversation.updatedAt());
    }

    static Conversation decodeConversation(long chatId, long userId, HashFields fields) {
        String data = fields.text(CONVERSATION_DATA);
        try {
            return Conversation.builder(chatId, userId)
                .name(fields.text(CONVERSATION_NAME))
                .step(fields.text(CONVERSATION_STEP))
                .data((data != null) ? ConversationData.decode(data) : java.util.Map.of())
                .createdAt(fields.optionalLong(CONVERSATION_CREATED_AT, 0))
                .updatedAt(fields.optionalLong(CONVERSATION_UPDATED_AT, 0))
                .build();
        }
        catch (IllegalArgumentException ex) {
            throw fields.corrupt("holds an invalid value (" + ex.getMessage() + ")");
        }
    }

    /** @return the credential field values of a stored peer hash, absent as empty strings */
    static List<String> credentialsOf(HashFields stored) {
        List<String> values = new ArrayList<>(PEER_CREDENTIAL_FIELDS.size());
        for (String field : PEER_CREDENTIAL_FIELDS) {
            String value = stored.text(field);
            values.add((value != null) ? value : "");
        }
        return values;
    }

}
