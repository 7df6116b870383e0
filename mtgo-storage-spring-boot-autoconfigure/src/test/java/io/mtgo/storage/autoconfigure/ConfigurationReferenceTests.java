package io.mtgo.storage.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps README.md's configuration reference in step with the generated configuration metadata:
 * every property has a description, and README lists it with its default.
 */
class ConfigurationReferenceTests {

    @Test
    void everyPropertyIsDocumentedInTheMetadataAndInTheReadme() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated configuration metadata").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Map<String, Object>> properties = JsonPath.read(metadata, "$.properties[*]");
        assertThat(properties).isNotEmpty();
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Map<String, Object> property : properties) {
            String name = (String) property.get("name");
            assertThat((String) property.get("description")).as("description of %s", name).isNotBlank();
            Object defaultValue = property.get("defaultValue");
            String expectedRow = "| `" + name + "` | " + ((defaultValue != null) ? "`" + defaultValue + "`" : "(none)") + " |";
            assertThat(readme).as("README row for %s", name).contains(expectedRow);
        }
    }

}
