package io.mtgo.storage.redis;

import java.util.ArrayList;
import java.util.Arrays;
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

    // The peer's field names and fixed values as sent, encoded once (see appendPeer).
    private static final byte[] PEER_TYPE_FIELD = RedisKeys.bytes(PEER_TYPE);

    private static final byte[] PEER_ACCESS_HASH_FIELD = RedisKeys.bytes(PEER_ACCESS_HASH);

    private static final byte[] PEER_USERNAME_FIELD = RedisKeys.bytes(PEER_USERNAME);

    private static final byte[] PEER_USERNAMES_FIELD = RedisKeys.bytes(PEER_USERNAMES);

    private static final byte[] PEER_FIRST_NAME_FIELD = RedisKeys.bytes(PEER_FIRST_NAME);

    private static final byte[] PEER_LAST_NAME_FIELD = RedisKeys.bytes(PEER_LAST_NAME);

    private static final byte[] PEER_PHONE_FIELD = RedisKeys.bytes(PEER_PHONE);

    private static final byte[] PEER_BOT_FIELD = RedisKeys.bytes(PEER_BOT);

    private static final byte[] PEER_PHOTO_ID_FIELD = RedisKeys.bytes(PEER_PHOTO_ID);

    private static final byte[] PEER_LANGUAGE_FIELD = RedisKeys.bytes(PEER_LANGUAGE);

    private static final byte[] PEER_LAST_UPDATED_FIELD = RedisKeys.bytes(PEER_LAST_UPDATED);

    private static final byte[] PEER_MIN_FIELD = RedisKeys.bytes(PEER_MIN);

    /** By {@link PeerType#ordinal()}. */
    private static final byte[][] PEER_TYPE_VALUES = Arrays.stream(PeerType.values()).map(type -> RedisKeys.bytes(type.name()))
        .toArray(byte[][]::new);

    private static final byte[] TRUE = { '1' };

    private static final byte[] FALSE = { '0' };

    private static final byte[] NO_FIELDS = { '0' };

    private RedisHashCodec() {
    }

    /**
     * Appends a peer's hash the way {@code save-peers.lua} takes it: the number of fields, then
     * field, value pairs, absent values left out as in every hash here. It is on the path of every
     * save, so the field names are encoded once for all and only the values are built.
     * @param peer the peer to write
     * @param args the script's arguments
     */
    static void appendPeer(Peer peer, List<byte[]> args) {
        int countAt = args.size();
        args.add(NO_FIELDS); // the count, set once known
        int first = args.size();
        pair(args, PEER_TYPE_FIELD, PEER_TYPE_VALUES[peer.type().ordinal()]);
        pair(args, PEER_ACCESS_HASH_FIELD, decimal(peer.accessHash()));
        pair(args, PEER_USERNAME_FIELD, peer.username());
        pair(args, PEER_USERNAMES_FIELD, peer.usernames().isEmpty() ? null : String.join(USERNAME_SEPARATOR, peer.usernames()));
        pair(args, PEER_FIRST_NAME_FIELD, peer.firstName());
        pair(args, PEER_LAST_NAME_FIELD, peer.lastName());
        pair(args, PEER_PHONE_FIELD, peer.phoneNumber());
        pair(args, PEER_BOT_FIELD, flag(peer.bot()));
        pair(args, PEER_PHOTO_ID_FIELD, decimal(peer.photoId()));
        pair(args, PEER_LANGUAGE_FIELD, peer.language());
        pair(args, PEER_LAST_UPDATED_FIELD, decimal(peer.lastUpdated()));
        pair(args, PEER_MIN_FIELD, flag(peer.min()));
        args.set(countAt, decimal((args.size() - first) / 2));
    }

    private static void pair(List<byte[]> args, byte[] field, @Nullable String text) {
        if (text != null) {
            pair(args, field, RedisKeys.bytes(text));
        }
    }

    private static void pair(List<byte[]> args, byte[] field, byte[] value) {
        args.add(field);
        args.add(value);
    }

    private static byte[] decimal(long value) {
        return RedisKeys.bytes(Long.toString(value));
    }

    private static byte[] flag(boolean value) {
        return value ? TRUE : FALSE;
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
