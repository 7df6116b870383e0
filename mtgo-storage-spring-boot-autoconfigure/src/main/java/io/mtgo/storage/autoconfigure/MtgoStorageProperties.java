package io.mtgo.storage.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of mtgo-storage ({@code mtgo.storage.*}).
 */
@ConfigurationProperties("mtgo.storage")
public class MtgoStorageProperties {

    /**
     * Backend to use: 'auto', 'jdbc', 'mongodb', 'redis' or 'memory' ('jpa', the old name of
     * 'jdbc', still works). 'auto' picks, in order, a DataSource the application configured, a
     * MongoTemplate, a RedisConnectionFactory, the starter's embedded H2 file, and in-memory only
     * when none of these exists.
     */
    private StorageType type = StorageType.AUTO;

    /**
     * Session the injected Storage is scoped to; other sessions are reached with
     * Storage.forSession(name).
     */
    private String sessionName = "default";

    /**
     * Whether to cache peers. When false, peer writes are ignored and peer reads are empty.
     */
    private boolean savePeers = true;

    private final Jdbc jdbc = new Jdbc();

    private final Mongodb mongodb = new Mongodb();

    private final Redis redis = new Redis();

    private final Encryption encryption = new Encryption();

    private final Lease lease = new Lease();

    public StorageType getType() {
        return this.type;
    }

    public void setType(StorageType type) {
        this.type = type;
    }

    public String getSessionName() {
        return this.sessionName;
    }

    public void setSessionName(String sessionName) {
        this.sessionName = sessionName;
    }

    public boolean isSavePeers() {
        return this.savePeers;
    }

    public void setSavePeers(boolean savePeers) {
        this.savePeers = savePeers;
    }

    public Jdbc getJdbc() {
        return this.jdbc;
    }

    public Mongodb getMongodb() {
        return this.mongodb;
    }

    public Redis getRedis() {
        return this.redis;
    }

    public Encryption getEncryption() {
        return this.encryption;
    }

    public Lease getLease() {
        return this.lease;
    }

    /**
     * JDBC backend settings.
     */
    public static class Jdbc {

        /**
         * Name of the DataSource bean to keep the tables in. Unset: the application's primary (or
         * only) DataSource.
         */
        private @Nullable String dataSource;

        /**
         * Schema that holds the library's tables (created on H2 and PostgreSQL when missing).
         * Unset: the connection's default schema.
         */
        private @Nullable String schema;

        /**
         * When to apply the library's Liquibase changelog to the DataSource: 'always', 'embedded'
         * (embedded databases only: H2, including the starter's H2 file, HSQLDB, Derby and SQLite
         * files) or 'never' (the schema is managed elsewhere).
         */
        private SchemaInitialization initializeSchema = SchemaInitialization.ALWAYS;

        /**
         * Liquibase changelog that creates the library's tables.
         */
        private String changeLog = "classpath:/io/mtgo/storage/jpa/db/changelog/mtgo-storage-changelog.yaml";

        private final H2 h2 = new H2();

        public @Nullable String getDataSource() {
            return this.dataSource;
        }

        public void setDataSource(@Nullable String dataSource) {
            this.dataSource = dataSource;
        }

        public @Nullable String getSchema() {
            return this.schema;
        }

        public void setSchema(@Nullable String schema) {
            this.schema = schema;
        }

        public SchemaInitialization getInitializeSchema() {
            return this.initializeSchema;
        }

        public void setInitializeSchema(SchemaInitialization initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public String getChangeLog() {
            return this.changeLog;
        }

        public void setChangeLog(String changeLog) {
            this.changeLog = changeLog;
        }

        public H2 getH2() {
            return this.h2;
        }

        /**
         * The starter's zero-config embedded H2 file database, used when the application
         * configures no DataSource, MongoDB or Redis of its own. It is the storage's own pool, not
         * a DataSource bean of the application.
         */
        public static class H2 {

            /**
             * Whether to keep sessions in the embedded H2 file when the application configures no
             * database of its own. When false, a DataSource Spring Boot generated in memory is used
             * (with a warning that nothing survives a restart), or else memory.
             */
            private boolean enabled = true;

            /**
             * Path of the H2 database file, without the '.mv.db' suffix; a leading '~' is the
             * user's home directory, other relative paths resolve against the working directory.
             */
            private String path = "./data/mtgo-storage";

            public boolean isEnabled() {
                return this.enabled;
            }

            public void setEnabled(boolean enabled) {
                this.enabled = enabled;
            }

            public String getPath() {
                return this.path;
            }

            public void setPath(String path) {
                this.path = path;
            }

        }

    }

    /**
     * MongoDB backend settings.
     */
    public static class Mongodb {

        /**
         * Collection of sessions.
         */
        private String sessionsCollection = "mtgo_sessions";

        /**
         * Collection of cached peers.
         */
        private String peersCollection = "mtgo_peers";

        /**
         * Collection of account metadata and update state.
         */
        private String kvCollection = "mtgo_kv";

        /**
         * Collection of conversation state.
         */
        private String conversationsCollection = "mtgo_conversations";

        public String getSessionsCollection() {
            return this.sessionsCollection;
        }

        public void setSessionsCollection(String sessionsCollection) {
            this.sessionsCollection = sessionsCollection;
        }

        public String getPeersCollection() {
            return this.peersCollection;
        }

        public void setPeersCollection(String peersCollection) {
            this.peersCollection = peersCollection;
        }

        public String getKvCollection() {
            return this.kvCollection;
        }

        public void setKvCollection(String kvCollection) {
            this.kvCollection = kvCollection;
        }

        public String getConversationsCollection() {
            return this.conversationsCollection;
        }

        public void setConversationsCollection(String conversationsCollection) {
            this.conversationsCollection = conversationsCollection;
        }

    }

    /**
     * Redis backend settings.
     */
    public static class Redis {

        /**
         * Prefix of every key; keys look like '{prefix}:{session}:...'.
         */
        private String keyPrefix = "mtgo";

        /**
         * Time to live of cached peers, refreshed on every save. Unset: peers never expire.
         */
        private @Nullable Duration peerTtl;

        /**
         * Time to live of conversations, refreshed on every save. Unset: conversations never
         * expire.
         */
        private @Nullable Duration conversationTtl;

        public String getKeyPrefix() {
            return this.keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public @Nullable Duration getPeerTtl() {
            return this.peerTtl;
        }

        public void setPeerTtl(@Nullable Duration peerTtl) {
            this.peerTtl = peerTtl;
        }

        public @Nullable Duration getConversationTtl() {
            return this.conversationTtl;
        }

        public void setConversationTtl(@Nullable Duration conversationTtl) {
            this.conversationTtl = conversationTtl;
        }

    }

    /**
     * Encryption of auth keys at rest.
     */
    public static class Encryption {

        /**
         * Base64-encoded 256-bit AES key(s) that encrypt auth keys at rest (AES-GCM). With
         * several, comma-separated, the first encrypts and any decrypts, so a rotation keeps the
         * old key listed until every session was saved again. Unset: auth keys are stored in plain
         * form.
         */
        private List<String> key = new ArrayList<>();

        public List<String> getKey() {
            return this.key;
        }

        public void setKey(List<String> key) {
            this.key = key;
        }

    }

    /**
     * Session lease: keeps two running instances from using one auth key at once.
     */
    public static class Lease {

        /**
         * Whether to acquire the session's lease before the Storage bean is handed out, renew it
         * in the background and release it on a graceful shutdown. Start-up fails when another
         * instance holds it for longer than 'wait'.
         */
        private boolean enabled;

        /**
         * Time after which the lease of an instance that stopped renewing (a crashed or frozen
         * process) is free again; renewed every third of it. At least 500ms.
         */
        private Duration ttl = Duration.ofSeconds(30);

        /**
         * How long start-up waits for a lease another instance holds; longer than 'ttl' lets a
         * replacement start after a crash.
         */
        private Duration wait = Duration.ofSeconds(60);

        /**
         * Name of this instance in the lease, unique per running instance, at most 255
         * characters. Unset: host name and process id, for example 'bot-7c9f-x2x1k:1' (with '/2',
         * '/3'... for further application contexts running at once in one JVM).
         */
        private @Nullable String owner;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getTtl() {
            return this.ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getWait() {
            return this.wait;
        }

        public void setWait(Duration wait) {
            this.wait = wait;
        }

        public @Nullable String getOwner() {
            return this.owner;
        }

        public void setOwner(@Nullable String owner) {
            this.owner = owner;
        }

    }

}
