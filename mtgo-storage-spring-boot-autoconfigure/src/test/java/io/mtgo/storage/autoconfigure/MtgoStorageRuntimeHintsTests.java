package io.mtgo.storage.autoconfigure;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.mtgo.storage.spi.StorageAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource the library loads by name is covered by its runtime hints, and so is every
 * service-loaded adapter: a new script or changelog that the hints miss fails here.
 */
class MtgoStorageRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    MtgoStorageRuntimeHintsTests() {
        new MtgoStorageRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
    }

    @Test
    void everyScriptAndChangelogOfTheLibraryIsAResourceHint() throws Exception {
        Resource[] resources = new PathMatchingResourcePatternResolver()
            .getResources("classpath*:io/mtgo/storage/**/*");
        List<String> paths = new ArrayList<>();
        for (Resource resource : resources) {
            String url = resource.getURL().toString();
            if (url.endsWith(".lua") || url.endsWith(".yaml")) {
                paths.add(url.substring(url.indexOf("io/mtgo/storage/")));
            }
        }
        assertThat(paths).as("the library's scripts and changelogs").isNotEmpty().anyMatch(path -> path.endsWith(".lua"))
            .anyMatch(path -> path.endsWith(".yaml"));
        for (String path : paths) {
            assertThat(RuntimeHintsPredicates.resource().forResource(path)).as(path).accepts(this.hints);
        }
    }

    @Test
    void everyServiceLoadedAdapterCanBeConstructedReflectively() throws Exception {
        String services = "META-INF/services/" + StorageAdapter.class.getName();
        assertThat(RuntimeHintsPredicates.resource().forResource(services)).accepts(this.hints);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(services)) {
            List<String> adapters = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            assertThat(adapters).containsExactlyInAnyOrder(MtgoStorageRuntimeHints.ADAPTERS);
        }
    }

    @Test
    void theRegistrarIsDeclaredForAheadOfTimeProcessing() {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
            .load(org.springframework.aot.hint.RuntimeHintsRegistrar.class))
            .anyMatch(MtgoStorageRuntimeHints.class::isInstance);
    }

}
