/**
 * The contract test kit: abstract JUnit tests any {@code Storage} must pass, and the test services
 * (PostgreSQL, MariaDB, Redis, MongoDB) they run against.
 */
@NullMarked
package io.mtgo.storage.test;

import org.jspecify.annotations.NullMarked;
