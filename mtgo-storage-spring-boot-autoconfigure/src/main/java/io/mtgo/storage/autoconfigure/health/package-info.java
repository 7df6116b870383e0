/**
 * Health indicators for the storage and the session lease, when Spring Boot's health support is present.
 */
@NullMarked
package io.mtgo.storage.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
