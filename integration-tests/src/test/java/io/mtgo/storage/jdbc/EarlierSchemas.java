package io.mtgo.storage.jdbc;

import java.util.Locale;

import javax.sql.DataSource;

import io.mtgo.storage.Peer;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;

/** The library's schema as an earlier release left it, for tests of the changesets that upgrade it. */
final class EarlierSchemas {

    /** Every column of {@code mtgo_peers} as it was before SQLite's changeset 5, {@code username_key} stored. */
    private static final String INSERT_WITH_STORED_USERNAME_KEY = """
            INSERT INTO mtgo_peers (session_name, peer_id, peer_type, access_hash, username, username_key, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    /** Every column of {@code mtgo_peers} as SQLite's changeset 5 left it: session and type by name, {@code username_key} generated. */
    private static final String INSERT_WITH_NAMED_SESSION = """
            INSERT INTO mtgo_peers (session_name, peer_id, peer_type, access_hash, username, usernames,
                first_name, last_name, phone, bot, photo_id, lang, last_updated_ms, min_peer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private EarlierSchemas() {
    }

    /**
     * Runs the next changesets of the library's changelog that apply to the database and have not
     * run yet, as a release that had no more of them ran it: on a new database, the first ones.
     * @param changeSets how many of them run
     */
    static void applyFirst(DataSource dataSource, int changeSets) {
        SpringLiquibase liquibase = new SpringLiquibase() {

            @Override
            protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
                liquibase.update(changeSets, new Contexts(), new LabelExpression());
            }

        };
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(JdbcSchema.CHANGELOG);
        liquibase.setResourceLoader(new DefaultResourceLoader(EarlierSchemas.class.getClassLoader()));
        try {
            liquibase.afterPropertiesSet();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not create the schema of the first " + changeSets + " changesets", ex);
        }
    }

    /** The row the store wrote while it stored the lower-cased username: same columns, same encodings. */
    static void insertWithStoredUsernameKey(JdbcTemplate jdbc, String sessionName, Peer peer) {
        jdbc.update(INSERT_WITH_STORED_USERNAME_KEY, sessionName, peer.id(), peer.type().name(), peer.accessHash(), peer.username(),
                (peer.username() != null) ? peer.username().toLowerCase(Locale.ROOT) : null,
                peer.usernames().isEmpty() ? null : String.join(",", peer.usernames()), peer.firstName(), peer.lastName(),
                peer.phoneNumber(), peer.bot(), peer.photoId(), peer.language(), peer.lastUpdated(), peer.min());
    }

    /** The row the store wrote on SQLite before changeset 6 numbered sessions and types. */
    static void insertWithNamedSession(JdbcTemplate jdbc, String sessionName, Peer peer) {
        jdbc.update(INSERT_WITH_NAMED_SESSION, sessionName, peer.id(), peer.type().name(), peer.accessHash(), peer.username(),
                peer.usernames().isEmpty() ? null : String.join(",", peer.usernames()), peer.firstName(), peer.lastName(),
                peer.phoneNumber(), peer.bot(), peer.photoId(), peer.language(), peer.lastUpdated(), peer.min());
    }

}
