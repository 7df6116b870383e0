package io.mtgo.storage.mongodb;

import java.util.List;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationData;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Usernames;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

/**
 * Document layout of the four collections, in one place. Every document carries its session name
 * in {@code s}, the field collections are sharded on (see {@code docs/mongodb.md}), and the
 * documents scoped to a session have a compound {@code _id} beginning with it.
 * <p>
 * The username field {@code uk} is on every peer: {@code session + NUL + username key} while the
 * peer holds a username, else {@code session + NUL + '#' + marked id}, a value no username can
 * take ({@link io.mtgo.storage.Usernames} allows only {@code [a-z0-9_]}). So the unique index
 * {@code {s: 1, uk: 1}}, prefixed by the shard key as MongoDB requires of a unique index on a
 * sharded collection, enforces one holder per username and session without a partial index
 * (which mongo-java-server lacks) and without nulls colliding. The session in the value is
 * redundant with {@code s}; it is what the layout stored before, so held usernames need no
 * migration.
 */
final class MongoDocuments {

    static final String SESSION = "s";

    static final String USERNAME_INDEX = "uk";

    private MongoDocuments() {
    }

    /** A user, a chat and a channel may share an id: the type is part of the key. */
    static Document peerId(String sessionName, PeerType type, long id) {
        return new Document(SESSION, sessionName).append("t", type.name()).append("id", id);
    }

    static Document kvId(String sessionName, String key) {
        return new Document(SESSION, sessionName).append("k", key);
    }

    static Document conversationId(String sessionName, long chatId, long userId) {
        return new Document(SESSION, sessionName).append("c", chatId).append("u", userId);
    }

    static String usernameIndexValue(String sessionName, String usernameKey) {
        return sessionName + '\u0000' + usernameKey;
    }

    /** @return the {@code uk} of a peer without a username: unique, and never a username's */
    static String noUsernameIndexValue(String sessionName, long markedId) {
        return sessionName + "\u0000#" + markedId;
    }

    /** @return the filter of one document of a session: the shard key and the {@code _id} */
    static Document byId(String sessionName, Object id) {
        return new Document(SESSION, sessionName).append("_id", id);
    }

    static Document session(Session session, byte @Nullable [] storedAuthKey) {
        return new Document("_id", session.name()).append(SESSION, session.name()).append("dcId", session.dcId())
            .append("serverAddress", session.serverAddress())
            .append("port", session.port())
            .append("testMode", session.testMode())
            .append("authKey", (storedAuthKey != null) ? new Binary(storedAuthKey) : null)
            .append("apiId", session.apiId())
            .append("apiHash", session.apiHash())
            .append("date", session.date());
    }

    static Session.Builder toSessionBuilder(Document document) {
        return Session.builder(document.getString("_id"))
            .dcId(document.getInteger("dcId"))
            .serverAddress(document.getString("serverAddress"))
            .port(document.getInteger("port"))
            .testMode(document.getBoolean("testMode"))
            .apiId(document.getInteger("apiId"))
            .apiHash(document.getString("apiHash"))
            .date(document.getLong("date"));
    }

    static byte @Nullable [] storedAuthKey(Document document) {
        Binary key = document.get("authKey", Binary.class);
        return (key != null) ? key.getData() : null;
    }

    static Document peer(String sessionName, Peer peer) {
        Document document = new Document("_id", peerId(sessionName, peer.type(), peer.id())).append(SESSION, sessionName)
            .append("type", peer.type().name())
            .append("accessHash", peer.accessHash())
            .append("username", peer.username())
            .append("usernames", peer.usernames())
            .append("firstName", peer.firstName())
            .append("lastName", peer.lastName())
            .append("phone", peer.phoneNumber())
            .append("bot", peer.bot())
            .append("photoId", peer.photoId())
            .append("lang", peer.language())
            .append("lastUpdated", peer.lastUpdated())
            .append("min", peer.min());
        String usernameKey = Usernames.keyOf(peer);
        return document.append(USERNAME_INDEX, (usernameKey != null) ? usernameIndexValue(sessionName, usernameKey)
                : noUsernameIndexValue(sessionName, peer.markedId()));
    }

    static Peer toPeer(Document document) {
        Document id = document.get("_id", Document.class);
        List<String> usernames = document.getList("usernames", String.class, List.of());
        return Peer.builder(id.getLong("id"), PeerType.valueOf(document.getString("type")))
            .accessHash(document.getLong("accessHash"))
            .username(document.getString("username"))
            .usernames(usernames)
            .firstName(document.getString("firstName"))
            .lastName(document.getString("lastName"))
            .phoneNumber(document.getString("phone"))
            .bot(document.getBoolean("bot"))
            .photoId(document.getLong("photoId"))
            .language(document.getString("lang"))
            .lastUpdated(document.getLong("lastUpdated"))
            .min(document.getBoolean("min"))
            .build();
    }

    static Document conversationFields(Conversation conversation) {
        return new Document("name", conversation.name()).append("step", conversation.step())
            .append("data", ConversationData.encode(conversation.data()))
            .append("updatedAt", conversation.updatedAt());
    }

    static Conversation toConversation(Document document) {
        Document id = document.get("_id", Document.class);
        return Conversation.builder(id.getLong("c"), id.getLong("u"))
            .name(document.getString("name"))
            .step(document.getString("step"))
            .data(ConversationData.decode(document.getString("data")))
            .createdAt(document.getLong("createdAt"))
            .updatedAt(document.getLong("updatedAt"))
            .build();
    }

}
