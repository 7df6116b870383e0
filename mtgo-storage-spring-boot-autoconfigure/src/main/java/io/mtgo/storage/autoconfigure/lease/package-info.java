/**
 * The session lease: one instance at a time uses a session ({@code mtgo.storage.lease.enabled}).
 */
@NullMarked
package io.mtgo.storage.autoconfigure.lease;

import org.jspecify.annotations.NullMarked;
