/**
 * What a backend author needs: {@link io.mtgo.storage.spi.AbstractStorage} and
 * {@link io.mtgo.storage.spi.StorageBuilder}, the adapter and observer interfaces, and the rules every
 * backend shares (min-peer merge, retries, auth-key cipher, lease checks).
 */
@NullMarked
package io.mtgo.storage.spi;

import org.jspecify.annotations.NullMarked;
