package io.mtgo.storage.autoconfigure;

/**
 * When the library applies its SQL schema, modelled on Spring Boot's
 * {@code DatabaseInitializationMode} (not used directly so that apps without JDBC need no
 * {@code spring-boot-sql}).
 */
public enum SchemaInitialization {

    /** Always apply the changelog (Liquibase skips what is already applied). */
    ALWAYS,

    /** Apply it only to embedded databases (H2, and SQLite files). */
    EMBEDDED,

    /** Never: the schema is managed outside the application. */
    NEVER

}
