/**
 * What applications call: {@link io.mtgo.storage.Storage} and {@link io.mtgo.storage.ConversationStore},
 * the value types they take and return, {@link io.mtgo.storage.Storages}, copying and listing, leases,
 * and the public limits and rules input is checked against.
 */
@NullMarked
package io.mtgo.storage;

import org.jspecify.annotations.NullMarked;
