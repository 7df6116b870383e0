package io.mtgo.storage.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.mtgo.storage.PeerType;
import org.jspecify.annotations.Nullable;

/**
 * SQLite: no row locks, since the database lock serialises writers anyway. The xerial driver reports every failure with the same SQL state, so
 * lost races are told apart by SQLite's result code in the message.
 */
final class SqliteJdbcStorageDialect extends OnConflictJdbcStorageDialect {

    /** A peer type's number in {@code mtgo_peers.peer_type} (changeset 6): its position here. 0 and 1 take no byte in a row. */
    private static final PeerType[] TYPES_BY_NUMBER = { PeerType.USER, PeerType.CHAT, PeerType.CHANNEL };

    /** Takes the write lock (see {@link #writeLockStatement()}); changes no row. */
    private static final String WRITE_LOCK = "UPDATE %SCHEMA%mtgo_session_numbers SET session_name = session_name WHERE 0";

    private final KeptStatements statements = new KeptStatements(Connection::prepareStatement);

    private final SqliteSessionNumbers sessionNumbers = new SqliteSessionNumbers(this.statements);

    private volatile String writeLockStatement = WRITE_LOCK.replace("%SCHEMA%", "");

    private final boolean textInUtf8;

    /**
     * @param textInUtf8 whether the database keeps its text in UTF-8 ({@link #keepsTextInUtf8})
     */
    SqliteJdbcStorageDialect(boolean textInUtf8) {
        super(UPSERT_PEER_WITHOUT_KEY);
        this.textInUtf8 = textInUtf8;
    }

    /**
     * Whether the database's text is UTF-8, SQLite's default; another encoding can only be chosen
     * before the file's first table is made, and stays the file's for good.
     */
    static boolean keepsTextInUtf8(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("PRAGMA encoding")) {
            return rows.next() && "UTF-8".equalsIgnoreCase(rows.getString(1));
        }
    }

    /**
     * The stored bytes, decoded here: sqlite-jdbc's {@code getString} hands each value to Java in a
     * new direct buffer made through JNI, which made up 0.4 of the 11 microseconds of a read by id
     * (7 text columns). A text value's bytes are in the database's encoding, hence UTF-8 only.
     */
    @Override
    @Nullable String text(ResultSet row, int column) throws SQLException {
        if (!this.textInUtf8) {
            return row.getString(column);
        }
        byte[] utf8 = row.getBytes(column);
        return (utf8 != null) ? new String(utf8, StandardCharsets.UTF_8) : null;
    }

    /**
     * Since changeset 6 a peer row names its session by number ({@link SqliteSessionNumbers}) and its
     * type by number: about 10 bytes less in every row and in the key's index than the session's
     * name and the type's, so a batch of peers scattered over the table changes fewer pages.
     */
    @Override
    String peerSessionColumn() {
        return "session_number";
    }

    @Override
    String sessionsWithPeers() {
        return """
                SELECT n.session_name FROM %SCHEMA%mtgo_session_numbers n
                WHERE EXISTS (SELECT 1 FROM %SCHEMA%mtgo_peers p WHERE p.session_number = n.session_number)""";
    }

    @Override
    void bindPeerSession(PreparedStatement statement, int index, String sessionName, boolean writing) throws SQLException {
        statement.setLong(index, this.sessionNumbers.of(statement.getConnection(), sessionName, writing));
    }

    @Override
    void bindPeerType(PreparedStatement statement, int index, PeerType type) throws SQLException {
        int number = 0;
        while (TYPES_BY_NUMBER[number] != type) {
            number++;
        }
        statement.setInt(index, number);
    }

    @Override
    PeerType peerType(ResultSet row, int column) throws SQLException {
        int number = row.getInt(column);
        if (number < 0 || number >= TYPES_BY_NUMBER.length) {
            throw new SQLException("mtgo_peers.peer_type holds " + number + ", which is no peer type");
        }
        return TYPES_BY_NUMBER[number];
    }

    @Override
    void tablePrefix(String tablePrefix) {
        this.sessionNumbers.tablePrefix(tablePrefix);
        this.writeLockStatement = WRITE_LOCK.replace("%SCHEMA%", tablePrefix);
    }

    /**
     * In WAL mode a transaction that has read, and then writes after another process committed,
     * fails at once with {@code SQLITE_BUSY_SNAPSHOT}, whatever the busy timeout, and so does every
     * retry while that process keeps writing (a min peer's merge reads first; so did a new
     * process's first batch, which looked its session's number up). A transaction whose first
     * statement writes waits for the lock within the busy timeout and then reads the latest commit:
     * this one takes the lock and changes nothing.
     */
    @Override
    String writeLockStatement() {
        return this.writeLockStatement;
    }

    /**
     * Re-used per physical connection: the driver compiles the SQL again for every prepare. Run
     * without the driver's look for generated keys ({@link SqliteGeneratedKeys}).
     */
    @Override
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return this.statements.prepare(connection, sql);
    }

    /**
     * A batch buffer of sqlite-jdbc grows to the largest batch its statement ever ran and is nulled
     * slot by slot after every batch: a statement kept for reuse that once saved 10,000 peers made
     * every later batch of 100 pay for 10,000 rows. The database is in-process, so splitting a
     * batch costs no round trip.
     */
    @Override
    int maxBatchRows() {
        return 128;
    }

    /**
     * {@code username_key} is generated by SQLite from {@code username} (changeset 5): not written,
     * and not stored in the row.
     */
    private static final String UPSERT_PEER_WITHOUT_KEY = """
            INSERT INTO %SCHEMA%mtgo_peers (session_number, peer_id, peer_type, access_hash, username, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (session_number, peer_type, peer_id) DO UPDATE SET access_hash = excluded.access_hash,
                username = excluded.username, usernames = excluded.usernames,
                first_name = excluded.first_name, last_name = excluded.last_name, phone = excluded.phone, bot = excluded.bot,
                photo_id = excluded.photo_id, lang = excluded.lang, last_updated_ms = excluded.last_updated_ms,
                min_peer = excluded.min_peer
            """;

    /**
     * Leaves {@code username} out of its {@code SET} and matches only a row that holds exactly the
     * username the peer keeps ({@code IS}, SQLite's null-safe equality): SQLite then has no index
     * entry to rewrite. A peer whose name changes, even only its case, goes to the upsert.
     */
    private static final String UPDATE_PEER_IN_PLACE = """
            UPDATE %SCHEMA%mtgo_peers
            SET access_hash = ?, usernames = ?, first_name = ?, last_name = ?, phone = ?, bot = ?, photo_id = ?, lang = ?,
                last_updated_ms = ?, min_peer = ?
            WHERE session_number = ? AND peer_type = ? AND peer_id = ? AND username IS ?
            """;

    @Override
    String updatePeerInPlace() {
        return UPDATE_PEER_IN_PLACE;
    }

    @Override
    boolean derivesUsernameKey() {
        return true;
    }

    @Override
    String forUpdate() {
        return "";
    }

    /** SQLite rolls back by itself after {@code SQLITE_FULL}, {@code SQLITE_IOERR} and {@code SQLITE_NOMEM}. */
    @Override
    boolean transactionAlreadyEnded(SQLException rollbackFailure) {
        return String.valueOf(rollbackFailure.getMessage()).contains("no transaction is active");
    }

    /** The driver reports no SQL state: SQLite's extended result code is in the message. */
    @Override
    boolean uniqueViolation(SQLException failure) {
        return String.valueOf(failure.getMessage()).contains("SQLITE_CONSTRAINT_UNIQUE");
    }

    @Override
    boolean lostARace(SQLException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED") || message.contains("SQLITE_CONSTRAINT_UNIQUE")
                || message.contains("SQLITE_CONSTRAINT_PRIMARYKEY");
    }

}
