package io.mtgo.storage.autoconfigure;

import io.mtgo.storage.spi.StorageAdapter;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * What the library loads by name at run time, for applications processed ahead of time (and native
 * images): the Liquibase changelog, the Redis Lua scripts, and the {@link StorageAdapter}s
 * {@code Storages.adapt} finds with {@link java.util.ServiceLoader}.
 */
class MtgoStorageRuntimeHints implements RuntimeHintsRegistrar {

    static final String[] ADAPTERS = { "io.mtgo.storage.jdbc.JdbcStorageAdapter", "io.mtgo.storage.mongodb.MongoStorageAdapter",
            "io.mtgo.storage.redis.RedisStorageAdapter" };

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources().registerPattern("io/mtgo/storage/jpa/db/changelog/*.yaml");
        hints.resources().registerPattern("io/mtgo/storage/jdbc/db/changelog/*.yaml");
        hints.resources().registerPattern("io/mtgo/storage/redis/*.lua");
        hints.resources().registerPattern("META-INF/services/" + StorageAdapter.class.getName());
        for (String adapter : ADAPTERS) {
            hints.reflection().registerType(TypeReference.of(adapter), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        }
    }

}
