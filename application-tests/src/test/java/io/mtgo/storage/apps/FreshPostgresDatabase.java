package io.mtgo.storage.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.mtgo.storage.test.TestServices;

/**
 * A new, empty PostgreSQL database on the test server, dropped on close: Flyway and
 * {@code ddl-auto} behave differently on an empty database, which a shared one cannot give.
 */
final class FreshPostgresDatabase implements AutoCloseable {

    private final TestServices.Jdbc server;

    private final String name;

    FreshPostgresDatabase(String purpose) {
        this.server = TestServices.postgres();
        this.name = ("mtgo_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + this.name);
    }

    String url() {
        return this.server.url().substring(0, this.server.url().lastIndexOf('/') + 1) + this.name;
    }

    String[] properties() {
        return new String[] { "spring.datasource.url=" + url(), "spring.datasource.username=" + this.server.username(),
                "spring.datasource.password=" + this.server.password() };
    }

    String username() {
        return this.server.username();
    }

    String password() {
        return this.server.password();
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
    }

    private void admin(String sql) {
        String adminUrl = this.server.url().substring(0, this.server.url().lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, this.server.username(), this.server.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + adminUrl, ex);
        }
    }

}
