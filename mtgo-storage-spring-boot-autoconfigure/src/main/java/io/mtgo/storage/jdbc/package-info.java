/**
 * The JDBC backend: {@link io.mtgo.storage.jdbc.JdbcStorage} on Spring's {@code JdbcTemplate} over
 * H2, SQLite, PostgreSQL or MariaDB/MySQL, with the schema owned by a Liquibase changelog.
 */
@NullMarked
package io.mtgo.storage.jdbc;

import org.jspecify.annotations.NullMarked;
