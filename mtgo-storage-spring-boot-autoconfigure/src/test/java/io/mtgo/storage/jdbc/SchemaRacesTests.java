package io.mtgo.storage.jdbc;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures of a changelog run are retried because another instance applying the same changelog
 * explains them ({@code ConcurrentFirstStartTests} in the integration tests runs the real race).
 */
class SchemaRacesTests {

    @Test
    void racesWithAnotherInstanceAreRecognisedThroughWrappingExceptions() {
        assertThat(SchemaRaces.lostToAnotherInstance(wrapped(new SQLException(
                "[SQLITE_BUSY_SNAPSHOT] Another database connection has already written to the database (database is locked)")))).isTrue();
        assertThat(SchemaRaces.lostToAnotherInstance(wrapped(new SQLException("ERROR: relation \"databasechangelog\" already exists",
                "42P07")))).isTrue();
        assertThat(SchemaRaces.lostToAnotherInstance(wrapped(new SQLException(
                "ERROR: duplicate key value violates unique constraint \"pg_namespace_nspname_index\"", "23505")))).isTrue();
        assertThat(SchemaRaces.lostToAnotherInstance(wrapped(new SQLException("Table 'DATABASECHANGELOGLOCK' already exists", "42S01",
                1050)))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(SchemaRaces.lostToAnotherInstance(wrapped(new SQLException("password authentication failed for user \"x\"", "28P01"))))
            .isFalse();
        assertThat(SchemaRaces.lostToAnotherInstance(wrapped(new SQLException("permission denied for schema public", "42501")))).isFalse();
        assertThat(SchemaRaces.lostToAnotherInstance(new IllegalStateException("no database error at all"))).isFalse();
    }

    private static RuntimeException wrapped(SQLException failure) {
        return new IllegalStateException("Could not apply the mtgo-storage schema", new RuntimeException("liquibase", failure));
    }

}
