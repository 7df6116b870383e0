package io.mtgo.storage.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps README.md's configuration reference in step with the generated configuration metadata:
 * every property has a description, README lists it with its default, every property README lists
 * is in the metadata (for IDEs), and {@code mtgo.storage.type}'s values are offered.
 */
class ConfigurationReferenceTests {

    @Test
    void everyPropertyIsDocumentedInTheMetadataAndInTheReadme() throws IOException {
        List<Map<String, Object>> properties = JsonPath.read(metadata(), "$.properties[*]");
        assertThat(properties).isNotEmpty();
        String readme = readme();
        for (Map<String, Object> property : properties) {
            String name = (String) property.get("name");
            assertThat((String) property.get("description")).as("description of %s", name).isNotBlank();
            Object defaultValue = property.get("defaultValue");
            String expectedRow = "| `" + name + "` | " + ((defaultValue != null) ? "`" + defaultValue + "`" : "(none)") + " |";
            assertThat(readme).as("README row for %s", name).contains(expectedRow);
        }
    }

    @Test
    void everyPropertyInTheReadmeIsInTheMetadata() throws IOException {
        List<String> documented = readmeConfigurationRows();
        assertThat(documented).as("README's configuration reference").isNotEmpty();
        List<String> names = JsonPath.read(metadata(), "$.properties[*].name");
        assertThat(names).containsAll(documented);
    }

    @Test
    void storageTypeValuesAreHintedWithoutTheFormerName() throws IOException {
        List<Map<String, Object>> values = JsonPath.read(metadata(), "$.hints[?(@.name == 'mtgo.storage.type')].values[*]");
        assertThat(values).extracting(value -> value.get("value")).containsExactly("auto", "memory", "jdbc", "mongodb", "redis");
        assertThat(values).allSatisfy(value -> assertThat((String) value.get("description")).as("description of %s", value.get("value"))
            .isNotBlank());
    }

    /** The property names of the table under README's "## Configuration". */
    private static List<String> readmeConfigurationRows() throws IOException {
        String readme = readme();
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("README section \"## Configuration\"").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, (end != -1) ? end : readme.length());
        Matcher rows = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(section);
        List<String> names = new ArrayList<>();
        while (rows.find()) {
            names.add(rows.group(1));
        }
        return names;
    }

    private static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }

    private static String metadata() throws IOException {
        try (InputStream in = ConfigurationReferenceTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated configuration metadata").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
