package io.mtgo.storage.jdbc;

/**
 * PostgreSQL: the shared {@code ON CONFLICT} upserts; unique violations, deadlocks and
 * serialization failures carry SQL states Spring's translator already classifies.
 */
final class PostgresJdbcStorageDialect extends OnConflictJdbcStorageDialect {

}
