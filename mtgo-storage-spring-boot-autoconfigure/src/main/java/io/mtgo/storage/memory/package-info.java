/**
 * The in-memory backend: nothing survives the JVM. Part of the core: {@code Storages.memory} uses it.
 */
@NullMarked
package io.mtgo.storage.memory;

import org.jspecify.annotations.NullMarked;
