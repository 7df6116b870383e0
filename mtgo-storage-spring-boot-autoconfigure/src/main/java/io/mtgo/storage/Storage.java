package io.mtgo.storage;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;

import io.mtgo.storage.spi.PeerMerge;

/**
 * Everything a Telegram (MTProto) client keeps between runs: its session, the peer cache, the
 * account's metadata and per-DC update state.
 * <p>
 * A {@code Storage} is bound to one session name ({@link #sessionName()}): peers, metadata and
 * update state are read and written in that session's scope only. Session records themselves are
 * addressed by name, so one {@code Storage} can read and write any session, and
 * {@link #forSession(String)} gives another session's scope over the same connections.
 * <p>
 * Semantics shared by every implementation (the contract test kit checks each of them):
 * <ul>
 * <li>Absent is {@link Optional#empty()}; a backend failure is a {@link StorageException}, never an
 * empty result.</li>
 * <li>Invalid arguments throw {@link IllegalArgumentException} naming the field, before anything is
 * written.</li>
 * <li>A peer is keyed by session, {@link PeerType} and id: Telegram's user, chat and channel ids
 * overlap, so a user, a chat and a channel with the same id are three peers. Look peers up by type
 * and id, or by marked id ({@link PeerIds}).</li>
 * <li>Usernames are compared case-insensitively with a leading {@code @} ignored, and one username
 * belongs to at most one peer of a session, whatever the peers' types (see {@link Usernames}).</li>
 * <li>A peer saved with {@link Peer#min()} never overwrites a stored full peer's access hash or
 * phone number (see {@link PeerMerge}).</li>
 * <li>Limits the API accepts are limits every backend stores (for example
 * {@link Conversation#MAX_DATA_SIZE}); past them, {@link IllegalArgumentException}.</li>
 * <li>Each single-record write is atomic; {@link #savePeers(Collection)} rejects a batch with an
 * invalid element before writing any of it, and how much of a very large batch is atomic on each
 * backend is stated on that method.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface Storage extends AutoCloseable {

    /**
     * Saves a session, replacing any stored session of the same {@linkplain Session#name() name}.
     * @param session the session to save
     */
    void saveSession(Session session);

    /**
     * Loads a session by name.
     * @param sessionName the session's name
     * @return the session, or empty when none is stored under that name
     */
    Optional<Session> loadSession(String sessionName);

    /**
     * Deletes a session and every record scoped to it: peers, metadata, update state and
     * conversations. Records of other sessions are untouched. Deleting an absent session is a no-op.
     * @param sessionName the session's name
     */
    void deleteSession(String sessionName);

    /**
     * Saves a peer in this storage's session, replacing the stored peer of the same type and id. A username
     * the peer claims is taken away from any other peer of the session; a min peer keeps the stored
     * access hash and phone number (see {@link PeerMerge}).
     * @param peer the peer to save
     */
    void savePeer(Peer peer);

    /**
     * Saves several peers as if they were saved one after another: when the same peer appears more
     * than once, a later full occurrence replaces an earlier one, a later min occurrence keeps the
     * access hash and phone of an earlier full one, and the last claim of a username wins. When any
     * element is invalid, nothing is saved.
     * <p>
     * Atomicity against a failure of the backend part-way, by backend: on the JDBC store the whole
     * batch is one transaction, all or nothing, at any size; in memory the whole batch is atomic. On
     * Redis a batch of up to 250 peers is one atomic script; a larger one is written in chunks of
     * 250, each atomic, in order, so that no script blocks the server for long: readers may see a
     * prefix of the batch meanwhile, and a failure leaves the chunks before it written. On MongoDB it
     * is one ordered {@code bulkWrite}: without a multi-document transaction, a failure part-way
     * leaves the writes before it applied. Saving the same batch again completes it everywhere.
     * @param peers the peers to save
     */
    void savePeers(Collection<Peer> peers);

    /**
     * Loads a peer of this storage's session by type and id. A user, a basic chat and a channel with
     * the same id are three different peers.
     * @param type the peer's type
     * @param id the peer's plain MTProto id
     * @return the peer, or empty when it is not cached
     * @throws IllegalArgumentException when {@code id} is no valid id of that type
     */
    Optional<Peer> loadPeer(PeerType type, long id);

    /**
     * Loads a peer of this storage's session by its marked (Bot API) id: a user's id, {@code -id}
     * for a basic chat, {@code -(10^12 + id)} for a channel (see {@link PeerIds}).
     * @param markedId the peer's marked id
     * @return the peer, or empty when it is not cached
     * @throws IllegalArgumentException when no peer can have that marked id (0, or below the channel
     * range)
     */
    default Optional<Peer> loadPeer(long markedId) {
        return loadPeer(PeerIds.type(markedId), PeerIds.id(markedId));
    }

    /**
     * Loads the peer of this storage's session that holds a username as its primary
     * {@link Peer#username()}, compared case-insensitively with a leading {@code @} ignored. The other
     * {@link Peer#usernames()} are kept with the peer but not looked up.
     * @param username the username, with or without {@code @}
     * @return the peer, or empty when no peer holds that username
     */
    Optional<Peer> loadPeerByUsername(String username);

    /**
     * Deletes a peer of this storage's session, freeing its username. Deleting an absent peer is a
     * no-op; peers of other types with the same id are untouched.
     * @param type the peer's type
     * @param id the peer's plain MTProto id
     * @throws IllegalArgumentException when {@code id} is no valid id of that type
     */
    void deletePeer(PeerType type, long id);

    /**
     * Deletes a peer of this storage's session by its marked (Bot API) id (see {@link PeerIds}).
     * @param markedId the peer's marked id
     * @throws IllegalArgumentException when no peer can have that marked id
     */
    default void deletePeer(long markedId) {
        deletePeer(PeerIds.type(markedId), PeerIds.id(markedId));
    }

    /**
     * Records the id of the account this session is logged in as.
     * @param id the account's user id
     */
    void setUserId(long id);

    /**
     * Returns the id of the account this session is logged in as.
     * @return the user id, or empty when none was recorded
     */
    OptionalLong getUserId();

    /**
     * Records whether the account is a bot.
     * @param isBot whether the account is a bot
     */
    void setIsBot(boolean isBot);

    /**
     * Returns whether the account is a bot.
     * @return the recorded flag, or empty when none was recorded
     */
    Optional<Boolean> getIsBot();

    /**
     * Records the account's first name.
     * @param name the first name, not {@code null}
     */
    void setFirstName(String name);

    /**
     * Returns the account's first name.
     * @return the first name, or empty when none was recorded
     */
    Optional<String> getFirstName();

    /**
     * Records the account's last name.
     * @param name the last name, not {@code null} (may be empty)
     */
    void setLastName(String name);

    /**
     * Returns the account's last name.
     * @return the last name, or empty when none was recorded
     */
    Optional<String> getLastName();

    /**
     * Records the account's username; a leading {@code @} is dropped.
     * @param name a valid Telegram username (see {@link Usernames})
     */
    void setUsername(String name);

    /**
     * Returns the account's username, without {@code @}.
     * @return the username, or empty when none was recorded
     */
    Optional<String> getUsername();

    /**
     * Stores the update state of one DC as opaque bytes, replacing the previous state. An empty
     * array is stored as an empty array, distinct from absent.
     * @param dcId the DC id, from 0 to {@link Arguments#MAX_DC_ID}
     * @param state the serialized state, not {@code null}
     */
    void setUpdateState(int dcId, byte[] state);

    /**
     * Returns the update state of one DC.
     * @param dcId the DC id, from 0 to {@link Arguments#MAX_DC_ID}
     * @return a copy of the stored bytes, or empty when none is stored
     */
    Optional<byte[]> getUpdateState(int dcId);

    /**
     * Returns the name of the session this storage is scoped to.
     * @return the session name
     */
    String sessionName();

    /**
     * Returns a storage scoped to another session over the same connections. Closing the returned
     * storage does not close this one.
     * @param sessionName the other session's name
     * @return a storage scoped to {@code sessionName}
     */
    Storage forSession(String sessionName);

    /**
     * Returns the leases of sessions in this storage's store, which keep two running clients from
     * using one auth key at once (see {@link SessionLeases}). Leases are addressed by session name,
     * like sessions; they stay valid after this storage is closed, as they live on the
     * application's connections.
     * @return the session leases of this storage's backend
     */
    SessionLeases leases();

    /**
     * Releases what this storage created itself. Idempotent; never closes connections, templates or
     * factories that the application owns. Any later call throws {@link IllegalStateException}.
     */
    @Override
    void close();

}
