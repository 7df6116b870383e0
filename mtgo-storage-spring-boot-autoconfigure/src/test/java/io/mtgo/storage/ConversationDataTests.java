package io.mtgo.storage;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConversationDataTests {

    @Test
    void roundTripsAwkwardTextInOrder() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("z", "last?");
        data.put("quote\"", "back\\slash");
        data.put("tab\t", "new\nline\r 🎉 \u0001");
        data.put("", "");
        String json = ConversationData.encode(data);
        assertThat(ConversationData.decode(json)).containsExactlyEntriesOf(data);
        assertThat(ConversationData.encode(Map.of())).isEqualTo("{}");
    }

    @Test
    void corruptTextIsAStorageException() {
        for (String corrupt : new String[] { "", "{", "{\"a\":}", "{\"a\":\"b\"", "{\"a\":\"b\"}x", "{\"a\":\"\\q\"}", "{\"a\":\"\\uZZZZ\"}" }) {
            assertThatExceptionOfType(StorageException.class).as(corrupt).isThrownBy(() -> ConversationData.decode(corrupt));
        }
    }

}
