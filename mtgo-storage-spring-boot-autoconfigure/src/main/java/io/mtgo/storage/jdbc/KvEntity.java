package io.mtgo.storage.jdbc;

import java.io.Serializable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * A row of {@code mtgo_kv}: one metadata value or one DC's update state of a session.
 */
@Entity(name = "MtgoKv")
@Table(name = "mtgo_kv")
@IdClass(KvEntity.Key.class)
public class KvEntity {

    @Id
    @Column(name = "session_name", length = 128, nullable = false)
    String sessionName;

    @Id
    @Column(name = "kv_key", length = 64, nullable = false)
    String key;

    @Column(name = "kv_value", length = 1048576, nullable = false)
    byte[] value;

    /** For JPA. */
    protected KvEntity() {
    }

    /**
     * The composite key.
     * @param sessionName the session
     * @param key the metadata key
     */
    public record Key(String sessionName, String key) implements Serializable {
    }

}
