/**
 * What the actuator's endpoints show of mtgo-storage, when Spring Boot's actuator is present.
 */
@NullMarked
package io.mtgo.storage.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
