package io.mtgo.storage.jdbc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code mtgo_sessions}. Matches the Liquibase changelog exactly.
 */
@Entity(name = "MtgoSession")
@Table(name = "mtgo_sessions")
public class SessionEntity {

    @Id
    @Column(name = "session_name", length = 128, nullable = false)
    String sessionName;

    @Column(name = "dc_id", nullable = false)
    int dcId;

    @Column(name = "server_address", length = 255)
    String serverAddress;

    @Column(name = "port", nullable = false)
    int port;

    @Column(name = "test_mode", nullable = false)
    boolean testMode;

    @Column(name = "auth_key", length = 512)
    byte[] authKey;

    @Column(name = "api_id", nullable = false)
    int apiId;

    @Column(name = "api_hash", length = 64)
    String apiHash;

    @Column(name = "created_ms", nullable = false)
    long date;

    /** For JPA. */
    protected SessionEntity() {
    }

}
