-- The application's own first migration: Flyway must find the database empty before it.
CREATE TABLE app_notes (
    id BIGINT NOT NULL PRIMARY KEY,
    text VARCHAR(200)
);
