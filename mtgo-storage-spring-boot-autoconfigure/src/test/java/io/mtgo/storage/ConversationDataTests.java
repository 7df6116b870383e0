package io.mtgo.storage;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

    @Test
    void encodedSizeIsTheUtf8LengthOfTheEncoding() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("ascii", "plain text");
        data.put("escapes\"", "q\"b\\n\nr\rt\t\u0001");
        data.put("two bytes", "é ß ñ");
        data.put("three bytes", "日本語 €");
        data.put("four bytes", "🎉 𝔘");
        data.put("", "");
        for (int entries = 0; entries <= data.size(); entries++) {
            Map<String, String> prefix = new LinkedHashMap<>();
            data.entrySet().stream().limit(entries).forEach(e -> prefix.put(e.getKey(), e.getValue()));
            assertThat(ConversationData.encodedSize(prefix)).as("%d entries", entries)
                .isEqualTo(ConversationData.encode(prefix).getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void conversationAcceptsDataOfExactlyTheSizeLimitAndRejectsOneByteMore() {
        Map<String, String> atLimit = asciiDataOfEncodedSize(Conversation.MAX_DATA_SIZE);
        assertThat(ConversationData.encodedSize(atLimit)).isEqualTo(Conversation.MAX_DATA_SIZE);
        assertThat(Conversation.builder(1, 2).data(atLimit).build().data()).isEqualTo(atLimit);

        Map<String, String> pastLimit = asciiDataOfEncodedSize(Conversation.MAX_DATA_SIZE + 1);
        assertThatIllegalArgumentException().isThrownBy(() -> Conversation.builder(1, 2).data(pastLimit).build())
            .withMessageContaining("data must encode to at most " + Conversation.MAX_DATA_SIZE);
    }

    /** Entries "k0", "k1", ... of ASCII values, the last one cut to reach the size exactly. */
    private static Map<String, String> asciiDataOfEncodedSize(int size) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; ConversationData.encodedSize(data) < size; i++) {
            String key = "k" + i;
            data.put(key, "");
            long room = size - ConversationData.encodedSize(data);
            data.put(key, "v".repeat((int) Math.min(room, Conversation.MAX_DATA_VALUE_LENGTH)));
        }
        return data;
    }

    @Test
    @SuppressWarnings("NullAway")
    void nullIsRefusedNamingTheArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationData.encode(null)).withMessageContaining("data");
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationData.encodedSize(null)).withMessageContaining("data");
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationData.decode(null)).withMessageContaining("json");
    }

}
