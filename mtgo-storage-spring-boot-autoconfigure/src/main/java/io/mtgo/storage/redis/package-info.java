/**
 * The Redis backend, on Spring Data Redis: every key of a session in one Redis Cluster slot.
 */
@NullMarked
package io.mtgo.storage.redis;

import org.jspecify.annotations.NullMarked;
