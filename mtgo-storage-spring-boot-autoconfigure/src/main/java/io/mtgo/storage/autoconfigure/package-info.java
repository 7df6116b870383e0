/**
 * Spring Boot auto-configuration: one auto-configuration per backend, chosen in a fixed order, and
 * the {@code mtgo.storage.*} properties.
 */
@NullMarked
package io.mtgo.storage.autoconfigure;

import org.jspecify.annotations.NullMarked;
