/**
 * The MongoDB backend, on Spring Data MongoDB's {@code MongoTemplate}.
 */
@NullMarked
package io.mtgo.storage.mongodb;

import org.jspecify.annotations.NullMarked;
