package io.mtgo.storage.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code mtgo.storage.type} is {@code auto} (or unset) or the given backend.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnStorageTypeCondition.class)
@interface ConditionalOnStorageType {

    /**
     * The backend that may be used.
     * @return the backend
     */
    StorageType value();

}
