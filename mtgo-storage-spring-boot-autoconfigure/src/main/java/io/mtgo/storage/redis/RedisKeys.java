package io.mtgo.storage.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.mtgo.storage.Arguments;

/**
 * The key layout of the Redis backend, in one place. Every key of a session starts with
 * {@code <prefix>:{<session>}:}, where {@code <session>} is the session name percent-encoded:
 * <pre>
 * mtgo:{bot}:session                 hash  the session (auth key as raw bytes)
 * mtgo:{bot}:meta                    hash  account metadata
 * mtgo:{bot}:state                   hash  update state, DC id to raw bytes
 * mtgo:{bot}:peer:&lt;id&gt;              hash  one cached peer, by marked id   (peer TTL)
 * mtgo:{bot}:peers                   zset  marked id of every peer, scored by its expiry
 *                                          (epoch ms of the server, 0 for none)
 * mtgo:{bot}:usernames               hash  username key to the marked id of its holder
 * mtgo:{bot}:conv:&lt;chat&gt;:&lt;user&gt;     hash  one conversation               (conversation TTL)
 * mtgo:{bot}:convs                   zset  {@code <chat>:<user>} of every conversation, scored by expiry
 * mtgo:sessions                      zset  every session name with data (the registry)
 * </pre>
 * The braces are a Redis Cluster hash tag: all keys of one session share a slot, so the Lua
 * scripts may touch several of them atomically. The two index sets and the username hash let a
 * session list and look up its records by reading its own keys only, never by SCAN. The registry
 * is the only key outside a session's slot; on Redis Cluster it is written by single commands, never
 * by a script together with session keys (on a single server, saveSession's script lists the
 * session too: see {@code RedisSessionRegistry}).
 * <p>
 * Session names may hold any character (see {@link io.mtgo.storage.SessionNames}). Every char
 * outside {@code [A-Za-z0-9_.-]} is written as {@code %XX} per UTF-8 byte, so the encoded name
 * holds no brace (the hash tag always ends where the name ends), no glob metacharacter (a SCAN
 * pattern of one session matches that session's keys only) and no {@code :}. The encoding is
 * reversible ({@link #decodeSessionName}) and injective, so two sessions never share a key.
 */
final class RedisKeys {

    /** Hash-tag braces in the prefix would move the tag away from the session name. */
    private static final String FORBIDDEN_IN_PREFIX = "{}";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String prefix;

    /** The prefix with glob metacharacters escaped, for SCAN patterns. */
    private final String prefixPattern;

    /**
     * Creates the layout under a prefix.
     * @param prefix the prefix, for example {@code "mtgo"}; no braces, no whitespace
     */
    RedisKeys(String prefix) {
        this.prefix = requireValidPrefix(prefix);
        this.prefixPattern = escapeGlob(prefix);
    }

    /**
     * Checks a key prefix: text without braces (they would end the hash tag early) or whitespace.
     * @param prefix the prefix
     * @return the prefix
     * @throws IllegalArgumentException naming {@code keyPrefix} when it is not valid
     */
    static String requireValidPrefix(String prefix) {
        Arguments.requireText(prefix, Arguments.MAX_TEXT_LENGTH, "keyPrefix");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("keyPrefix must not be empty");
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (FORBIDDEN_IN_PREFIX.indexOf(c) >= 0 || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("keyPrefix must not contain '{', '}' or whitespace (found at index " + i + ")");
            }
        }
        return prefix;
    }

    String prefix() {
        return this.prefix;
    }

    /** @return {@code <prefix>:{<encoded session>}:}, the start of every key of the session */
    String sessionBase(String sessionName) {
        return this.prefix + ":{" + encodeSessionName(sessionName) + "}:";
    }

    /**
     * @return a SCAN pattern matching every key of the session and nothing else; the storage never
     * scans (it reads its indexes), this is for operators and tests
     */
    String sessionPattern(String sessionName) {
        // The encoded name holds no glob metacharacter; only the prefix needs escaping.
        return this.prefixPattern + ":{" + encodeSessionName(sessionName) + "}:*";
    }

    /**
     * Outside {@code prefix:{session}:*}, so that deleting a session does not reset the lease or its
     * token counter; in the session's slot through the same hash tag.
     */
    String lease(String sessionName) {
        return this.prefix + ":lease:{" + encodeSessionName(sessionName) + "}";
    }

    /** The lease's fencing-token counter: never expires, never deleted. */
    String leaseToken(String sessionName) {
        return this.prefix + ":lease-token:{" + encodeSessionName(sessionName) + "}";
    }

    String session(String sessionName) {
        return sessionBase(sessionName) + "session";
    }

    String metadata(String sessionName) {
        return sessionBase(sessionName) + "meta";
    }

    String updateState(String sessionName) {
        return sessionBase(sessionName) + "state";
    }

    /** @return the start of every peer key of the session; the peer's marked id follows */
    String peerPrefix(String sessionName) {
        return sessionBase(sessionName) + "peer:";
    }

    /** @param markedId the peer's marked id: a user, a chat and a channel may share a plain id */
    String peer(String sessionName, long markedId) {
        return peerPrefix(sessionName) + markedId;
    }

    /** @return the sorted set of the marked ids of the session's peers */
    String peerIndex(String sessionName) {
        return sessionBase(sessionName) + "peers";
    }

    /**
     * @return the hash from username key (from {@link io.mtgo.storage.Usernames#key}, only
     * {@code [a-z0-9_]}) to the marked id of the peer holding it
     */
    String usernames(String sessionName) {
        return sessionBase(sessionName) + "usernames";
    }

    /** @return the start of every conversation key of the session; {@code <chat>:<user>} follows */
    String conversationPrefix(String sessionName) {
        return sessionBase(sessionName) + "conv:";
    }

    String conversation(String sessionName, long chatId, long userId) {
        return conversationPrefix(sessionName) + conversationMember(chatId, userId);
    }

    /** @return the sorted set of the {@link #conversationMember members} of the session's conversations */
    String conversationIndex(String sessionName) {
        return sessionBase(sessionName) + "convs";
    }

    static String conversationMember(long chatId, long userId) {
        return chatId + ":" + userId;
    }

    /** @return the set of every session name that has data; outside every session's slot */
    String registry() {
        return this.prefix + ":sessions";
    }

    static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Percent-encodes a session name (see the class comment).
     * @param sessionName a valid session name
     * @return the encoded name: only {@code [A-Za-z0-9_.%-]}
     */
    static String encodeSessionName(String sessionName) {
        StringBuilder encoded = null;
        for (int i = 0; i < sessionName.length(); i++) {
            if (!isPlain(sessionName.charAt(i))) {
                encoded = new StringBuilder(sessionName.length() + 16).append(sessionName, 0, i);
                for (byte b : sessionName.substring(i).getBytes(StandardCharsets.UTF_8)) {
                    char c = (char) (b & 0xFF);
                    if (c < 0x80 && isPlain(c)) {
                        encoded.append(c);
                    }
                    else {
                        encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                    }
                }
                break;
            }
        }
        return (encoded != null) ? encoded.toString() : sessionName;
    }

    /**
     * Reverses {@link #encodeSessionName}.
     * @param encoded an encoded session name
     * @return the session name
     */
    static String decodeSessionName(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("truncated escape in encoded session name");
                }
                bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
                i += 2;
            }
            else if (isPlain(c)) {
                bytes.write(c);
            }
            else {
                throw new IllegalArgumentException("character U+" + String.format("%04X", (int) c)
                        + " is never part of an encoded session name");
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }

    /** Escapes the characters SCAN's MATCH treats specially: {@code * ? [ ] \}. */
    private static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("*?[]\\".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

}
