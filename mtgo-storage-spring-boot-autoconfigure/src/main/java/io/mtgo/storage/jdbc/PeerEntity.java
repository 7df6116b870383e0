package io.mtgo.storage.jdbc;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A row of {@code mtgo_peers}: one cached peer of one session. {@code username_key} is the
 * lower-case lookup key (unique per session), {@code username} the display form.
 */
@Entity(name = "MtgoPeer")
@Table(name = "mtgo_peers")
@IdClass(PeerEntity.Key.class)
public class PeerEntity {

    @Id
    @Column(name = "session_name", length = 128, nullable = false)
    String sessionName;

    @Id
    @Column(name = "peer_id", nullable = false)
    long id;

    @Column(name = "peer_type", length = 16, nullable = false)
    String type;

    @Column(name = "access_hash", nullable = false)
    long accessHash;

    @Column(name = "username", length = 32)
    String username;

    @Column(name = "username_key", length = 32)
    String usernameKey;

    @Column(name = "usernames", length = 2200)
    String usernames;

    @Column(name = "first_name", length = 255)
    String firstName;

    @Column(name = "last_name", length = 255)
    String lastName;

    @Column(name = "phone", length = 32)
    String phone;

    @Column(name = "bot", nullable = false)
    boolean bot;

    @Column(name = "photo_id", nullable = false)
    long photoId;

    @Column(name = "lang", length = 16)
    String language;

    @Column(name = "last_updated_ms", nullable = false)
    long lastUpdated;

    @Column(name = "min_peer", nullable = false)
    boolean min;

    /** For JPA. */
    protected PeerEntity() {
    }

    /**
     * The composite key: session name and peer id.
     * @param sessionName the session
     * @param id the peer id
     */
    public record Key(String sessionName, long id) implements Serializable {
    }

}
