package io.mtgo.storage.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    private final List<String> roles = new ArrayList<>();

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

    /** Runs statements in this database as the server's administrator (grants, schemas, roles' rights). */
    void administer(String... sql) {
        try (Connection connection = DriverManager.getConnection(url(), this.server.username(), this.server.password());
                Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run " + String.join("; ", sql) + " on " + url(), ex);
        }
    }

    /** Runs a query returning one number in this database as the server's administrator. */
    long count(String sql) {
        try (Connection connection = DriverManager.getConnection(url(), this.server.username(), this.server.password());
                Statement statement = connection.createStatement(); java.sql.ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run " + sql + " on " + url(), ex);
        }
    }

    /**
     * A login role of its own (roles belong to the whole server), dropped after this database; it
     * may connect here and nothing more until granted.
     */
    String newRole(String purpose) {
        String role = ("mtgo_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        admin("CREATE ROLE " + role + " LOGIN");
        this.roles.add(role);
        administer("GRANT CONNECT ON DATABASE " + this.name + " TO " + role);
        return role;
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
        for (String role : this.roles) {
            admin("DROP ROLE IF EXISTS " + role);
        }
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
