package io.mtgo.storage.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.mtgo.storage.Peer;
import io.mtgo.storage.Usernames;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: the shared {@code ON CONFLICT} upserts; unique violations, deadlocks and
 * serialization failures carry SQL states Spring's translator already classifies.
 * <p>
 * <b>Server-side prepared plans without a plan cliff.</b> pgjdbc prepares a statement on the
 * server after five executions on a connection (its per-connection statement cache keeps it across
 * {@code prepareStatement} calls), and PostgreSQL switches it to one generic plan after five more.
 * That plan is costed for the table as it is at that moment, and kept until something invalidates
 * it (an {@code ANALYZE}, a {@code VACUUM}). Against a table of a few pages a sequential scan is the
 * cheapest plan of even a unique-key lookup, and against an empty one it costs nothing, so no text
 * of a statement avoids it: a generic plan made while {@code mtgo_peers} was that small stays a
 * sequential scan as the table grows (a second {@code savePeers} of 20,000 peers took 48 s instead
 * of 1.2 s, one full scan per freed username). Planning every execution instead (unnamed
 * statements) is always right but costs more than the lookup itself: 2-3 times the time of a
 * generic-plan execution of {@code loadPeer} (planning, not parsing, is the cost; measured with
 * pgbench {@code -M prepared} under {@code plan_cache_mode=force_custom_plan}).
 * <p>
 * A generic plan made while the table has {@value #LARGE_PAGES} pages or more uses the index, and
 * stays right however the table changes later: an index lookup is also cheap on a small table. So
 * this dialect looks at the table's size (one {@code pg_relation_size} query, at most once every
 * {@value #CHECK_INTERVAL_MS} ms, on the connection at hand) and:
 * <ul>
 * <li>while the table is small, runs the statements that find rows by key unnamed
 * ({@code PGStatement.setPrepareThreshold(0)}): planned for every execution, with the real size;</li>
 * <li>once it is large, lets pgjdbc prepare them on the server, under statement text that names a
 * plan generation ({@code /* mtgo plans n *}{@code /}). Each passage from small to large starts a new
 * generation, so every server-side statement of a key lookup was first planned while the table was
 * large: none can carry a plan made while it was small. The statements of older generations are
 * dropped by pgjdbc's statement cache (256 per connection) as they go unused;</li>
 * <li>when the table shrinks below {@value #SMALL_PAGES} pages (a session deleted), goes back to
 * unnamed key lookups before PostgreSQL would replan into a scan (below about 6 pages).</li>
 * </ul>
 * The upserts keep pgjdbc's server-side preparation throughout: their plans never scan. A
 * partitioned {@code mtgo_peers} reports no pages of its own, so its key lookups stay unnamed.
 * Other drivers for PostgreSQL are left alone.
 */
final class PostgresJdbcStorageDialect extends OnConflictJdbcStorageDialect {

    /** 512 KB, about 3,000 peers: a sequential scan then costs far more than an index lookup. */
    static final long LARGE_PAGES = 64;

    /** Back to planning every execution below this; PostgreSQL prefers a scan below about 6 pages. */
    static final long SMALL_PAGES = 16;

    static final long CHECK_INTERVAL_MS = 1_000;

    /** The usernames of a batch freed in one statement; a join, so planned for every execution (once per batch). */
    private static final String FREE_USERNAMES = """
            UPDATE %SCHEMA%mtgo_peers p
            SET username = NULL, username_key = NULL
            FROM unnest(?::varchar[], ?::varchar[], ?::bigint[]) AS c (k, t, i)
            WHERE p.session_name = ? AND p.username_key = c.k AND NOT (p.peer_type = c.t AND p.peer_id = c.i)
            """;

    /** A batch of peers upserted in one statement: one array per column, the session name once. */
    private static final String UPSERT_PEERS_PREFIX = """
            INSERT INTO %SCHEMA%mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            SELECT ?::varchar, * FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[],
                ?::varchar[], ?::varchar[], ?::varchar[], ?::boolean[], ?::bigint[], ?::varchar[], ?::bigint[], ?::boolean[])
            """;

    private static final String TABLE_PAGES = "SELECT pg_relation_size(to_regclass(?)) / current_setting('block_size')::bigint";

    private static final @Nullable Class<?> PG_STATEMENT = DriverClasses.find("org.postgresql.PGStatement");

    private static final @Nullable MethodHandle SET_PREPARE_THRESHOLD = setPrepareThreshold();

    private static final VarHandle NEXT_CHECK;

    static {
        try {
            NEXT_CHECK = MethodHandles.lookup().findVarHandle(PostgresJdbcStorageDialect.class, "nextCheck", long.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private volatile String peerTable = "mtgo_peers";

    /** When the next size check is due ({@link System#nanoTime()}); the thread that moves it checks. */
    @SuppressWarnings("unused")
    private volatile long nextCheck = System.nanoTime();

    private volatile boolean large;

    /** Plan generation: rises each time the table becomes large. */
    private volatile int generation;

    PostgresJdbcStorageDialect() {
        super(UPSERT_PEER);
    }

    private volatile GenerationTexts texts = new GenerationTexts(0, new ConcurrentHashMap<>());

    private final String upsertPeers = UPSERT_PEERS_PREFIX + upsertPeer().substring(upsertPeer().indexOf("ON CONFLICT"));

    /** {@link #upsertPeers}: one {@code INSERT ... SELECT FROM unnest(...)} whatever the batch's size. */
    @Override
    boolean upsertsPeersInOneStatement() {
        return true;
    }

    /** A failed statement aborts PostgreSQL's transaction until its rollback. */
    @Override
    boolean failedStatementKeepsTransaction() {
        return false;
    }

    @Override
    boolean freeUsernames(JdbcAccess access, String tablePrefix, String sessionName, List<Map.Entry<String, Peer>> claims) {
        int n = claims.size();
        String[] keys = new String[n];
        String[] types = new String[n];
        Long[] ids = new Long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = claims.get(i).getKey();
            types[i] = claims.get(i).getValue().type().name();
            ids[i] = claims.get(i).getValue().id();
        }
        access.update(FREE_USERNAMES.replace("%SCHEMA%", tablePrefix), statement -> {
            planEveryExecution(statement);
            Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("varchar", keys));
            statement.setArray(2, connection.createArrayOf("varchar", types));
            statement.setArray(3, connection.createArrayOf("int8", ids));
            statement.setString(4, sessionName);
        });
        return true;
    }

    @Override
    boolean upsertPeers(JdbcAccess access, String tablePrefix, String sessionName, List<Peer> peers,
            Predicate<Peer> keepsUsername) {
        int n = peers.size();
        Long[] ids = new Long[n];
        String[] types = new String[n];
        Long[] accessHashes = new Long[n];
        String[] usernames = new String[n];
        String[] usernameKeys = new String[n];
        String[] allUsernames = new String[n];
        String[] firstNames = new String[n];
        String[] lastNames = new String[n];
        String[] phones = new String[n];
        Boolean[] bots = new Boolean[n];
        Long[] photoIds = new Long[n];
        String[] languages = new String[n];
        Long[] lastUpdated = new Long[n];
        Boolean[] min = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Peer peer = peers.get(i);
            boolean keeps = keepsUsername.test(peer);
            ids[i] = peer.id();
            types[i] = peer.type().name();
            accessHashes[i] = peer.accessHash();
            usernames[i] = keeps ? peer.username() : null;
            usernameKeys[i] = keeps ? Usernames.keyOf(peer) : null;
            allUsernames[i] = peer.usernames().isEmpty() ? null : String.join(",", peer.usernames());
            firstNames[i] = peer.firstName();
            lastNames[i] = peer.lastName();
            phones[i] = peer.phoneNumber();
            bots[i] = peer.bot();
            photoIds[i] = peer.photoId();
            languages[i] = peer.language();
            lastUpdated[i] = peer.lastUpdated();
            min[i] = peer.min();
        }
        access.update(this.upsertPeers.replace("%SCHEMA%", tablePrefix), statement -> {
            Connection connection = statement.getConnection();
            statement.setString(1, sessionName);
            statement.setArray(2, connection.createArrayOf("int8", ids));
            statement.setArray(3, connection.createArrayOf("varchar", types));
            statement.setArray(4, connection.createArrayOf("int8", accessHashes));
            statement.setArray(5, connection.createArrayOf("varchar", usernames));
            statement.setArray(6, connection.createArrayOf("varchar", usernameKeys));
            statement.setArray(7, connection.createArrayOf("varchar", allUsernames));
            statement.setArray(8, connection.createArrayOf("varchar", firstNames));
            statement.setArray(9, connection.createArrayOf("varchar", lastNames));
            statement.setArray(10, connection.createArrayOf("varchar", phones));
            statement.setArray(11, connection.createArrayOf("bool", bots));
            statement.setArray(12, connection.createArrayOf("int8", photoIds));
            statement.setArray(13, connection.createArrayOf("varchar", languages));
            statement.setArray(14, connection.createArrayOf("int8", lastUpdated));
            statement.setArray(15, connection.createArrayOf("bool", min));
        });
        return true;
    }

    /**
     * pgjdbc always talks UTF-8 to the server, which converts to the database's encoding: a LATIN1
     * database refuses emoji and Cyrillic, and SQL_ASCII counts the bytes of text against
     * {@code varchar} limits the API counts in characters.
     */
    @Override
    void requireUnicodeText(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database(), current_setting('server_encoding')")) {
            row.next();
            String encoding = row.getString(2);
            if (!"UTF8".equalsIgnoreCase(encoding)) {
                throw new IllegalStateException("PostgreSQL database '" + row.getString(1) + "' stores text as " + encoding
                        + "; mtgo-storage needs a UTF8 database, where any name Telegram sends fits the API's limits (LATIN1 and "
                        + "the like refuse emoji and other scripts, SQL_ASCII counts bytes against column lengths): create one with "
                        + "CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0 and move the data with pg_dump and pg_restore");
            }
        }
    }

    @Override
    void tablePrefix(String tablePrefix) {
        this.peerTable = tablePrefix + "mtgo_peers";
    }

    /** Whether key lookups currently run server-side prepared (for tests). */
    boolean keyLookupsPrepared() {
        return this.large;
    }

    @Override
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        checkTableSize(connection);
        if (!this.large) {
            return connection.prepareStatement(sql);
        }
        GenerationTexts texts = this.texts;
        if (texts.generation() != this.generation) {
            texts = new GenerationTexts(this.generation, new ConcurrentHashMap<>());
            this.texts = texts;
        }
        return connection.prepareStatement(texts.of(sql));
    }

    /** The statement texts of one plan generation, built once each (pgjdbc's cache is keyed by the text). */
    private record GenerationTexts(int generation, Map<String, String> texts) {

        String of(String sql) {
            return this.texts.computeIfAbsent(sql, text -> text.stripTrailing() + "\n/* mtgo plans " + this.generation + " */");
        }

    }

    @Override
    void prepareKeyLookup(PreparedStatement statement) throws SQLException {
        if (!this.large) {
            planEveryExecution(statement);
        }
    }

    /** Runs the statement unnamed: PostgreSQL plans it for this execution, with the table as it is. */
    private static void planEveryExecution(PreparedStatement statement) throws SQLException {
        if (PG_STATEMENT == null || SET_PREPARE_THRESHOLD == null || !statement.isWrapperFor(PG_STATEMENT)) {
            return;
        }
        try {
            SET_PREPARE_THRESHOLD.invoke(statement.unwrap(PG_STATEMENT), 0);
        }
        catch (SQLException | RuntimeException | Error ex) {
            throw ex;
        }
        catch (Throwable ex) {
            throw new SQLException("Could not set pgjdbc's prepare threshold", ex);
        }
    }

    /**
     * Looks at the table's size when a check is due; one thread at a time, the others go on with the
     * mode they see. A read of the catalog: harmless inside the application's transaction too.
     */
    private void checkTableSize(Connection connection) throws SQLException {
        long now = System.nanoTime();
        long due = (long) NEXT_CHECK.getVolatile(this);
        if (now - due < 0 || !NEXT_CHECK.compareAndSet(this, due, now + TimeUnit.MILLISECONDS.toNanos(CHECK_INTERVAL_MS))) {
            return;
        }
        long pages;
        try (PreparedStatement size = connection.prepareStatement(TABLE_PAGES)) {
            size.setString(1, this.peerTable);
            try (ResultSet row = size.executeQuery()) {
                pages = row.next() ? row.getLong(1) : 0;
            }
        }
        if (!this.large && pages >= LARGE_PAGES) {
            this.generation++;
            this.large = true;
        }
        else if (this.large && pages < SMALL_PAGES) {
            this.large = false;
        }
    }

    private static @Nullable MethodHandle setPrepareThreshold() {
        if (PG_STATEMENT == null) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findVirtual(PG_STATEMENT, "setPrepareThreshold", MethodType.methodType(void.class, int.class));
        }
        catch (ReflectiveOperationException ex) {
            return null;
        }
    }

}
