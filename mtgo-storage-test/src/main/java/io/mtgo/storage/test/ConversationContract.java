package io.mtgo.storage.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Conversation state of multi-step bot dialogs.
 */
public interface ConversationContract extends ContractFixture {

    @Test
    default void saveConversationThenLoadConversationReturnsEveryField() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("name", "Alice");
        data.put("quote\"and\\slash", "line\nbreak\ttab {json: true} 🎉");
        data.put("empty", "");
        Conversation conversation = Conversation.builder(-100123, 456)
            .name("registration")
            .step("ask_age")
            .data(data)
            .createdAt(1_000)
            .updatedAt(2_000)
            .build();
        conversations().saveConversation(conversation);
        Conversation loaded = conversations().loadConversation(-100123, 456).orElseThrow();
        assertThat(loaded).isEqualTo(conversation);
        assertThat(loaded.data()).containsExactlyEntriesOf(data);
    }

    @Test
    default void loadConversationReturnsEmptyWhenAbsent() {
        assertThat(conversations().loadConversation(1, 1)).isEmpty();
    }

    @Test
    default void conversationsAreKeyedByChatAndUser() {
        conversations().saveConversation(Conversation.builder(1, 2).step("a").build());
        conversations().saveConversation(Conversation.builder(1, 3).step("b").build());
        conversations().saveConversation(Conversation.builder(2, 2).step("c").build());
        assertThat(conversations().loadConversation(1, 2)).map(Conversation::step).contains("a");
        assertThat(conversations().loadConversation(1, 3)).map(Conversation::step).contains("b");
        assertThat(conversations().loadConversation(2, 2)).map(Conversation::step).contains("c");
    }

    @Test
    default void savingSetsTimestampsAndOverwritingKeepsTheCreationTime() throws InterruptedException {
        long before = System.currentTimeMillis();
        conversations().saveConversation(Conversation.builder(5, 6).step("one").build());
        Conversation first = conversations().loadConversation(5, 6).orElseThrow();
        assertThat(first.createdAt()).isBetween(before, System.currentTimeMillis());
        assertThat(first.updatedAt()).isEqualTo(first.createdAt());

        Thread.sleep(5);
        conversations().saveConversation(Conversation.builder(5, 6).step("two").data(Map.of("k", "v")).build());
        Conversation second = conversations().loadConversation(5, 6).orElseThrow();
        assertThat(second.step()).isEqualTo("two");
        assertThat(second.data()).containsExactly(Map.entry("k", "v"));
        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.updatedAt()).isGreaterThan(first.updatedAt());
    }

    @Test
    default void deleteConversationRemovesOnlyThatConversation() {
        conversations().saveConversation(Conversation.builder(7, 8).build());
        conversations().saveConversation(Conversation.builder(7, 9).build());
        conversations().deleteConversation(7, 8);
        conversations().deleteConversation(70, 80);
        assertThat(conversations().loadConversation(7, 8)).isEmpty();
        assertThat(conversations().loadConversation(7, 9)).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "v", "é", "日", "🎉", "\"", "\n" })
    default void conversationDataOfExactlyTheSizeLimitIsStored(String unit) {
        Map<String, String> data = dataOfEncodedSize(Conversation.MAX_DATA_SIZE, unit);
        assertThat(ConversationData.encodedSize(data)).isEqualTo(Conversation.MAX_DATA_SIZE);
        Conversation conversation = Conversation.builder(11, 12).name("large").step("at_limit").data(data)
            .createdAt(1).updatedAt(2).build();
        conversations().saveConversation(conversation);
        assertThat(conversations().loadConversation(11, 12)).contains(conversation);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "v", "日", "🎉" })
    default void conversationDataPastTheSizeLimitIsRejectedAndNothingIsWritten(String unit) {
        Conversation stored = Conversation.builder(13, 14).step("kept").createdAt(1).updatedAt(2).build();
        conversations().saveConversation(stored);
        Map<String, String> data = dataOfEncodedSize(Conversation.MAX_DATA_SIZE + 1, unit);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> conversations().saveConversation(Conversation.builder(13, 14).data(data).build()))
            .withMessageContaining("data must encode to at most " + Conversation.MAX_DATA_SIZE);
        assertThat(conversations().loadConversation(13, 14)).contains(stored);
    }

    @Test
    default void conversationDataOfTheMostEntriesIsStored() {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < Conversation.MAX_DATA_ENTRIES; i++) {
            data.put("key_" + i, "value " + i);
        }
        Conversation conversation = Conversation.builder(15, 16).data(data).createdAt(1).updatedAt(2).build();
        conversations().saveConversation(conversation);
        assertThat(conversations().loadConversation(15, 16).orElseThrow().data()).containsExactlyEntriesOf(data);
    }

    /**
     * Conversation data whose encoding ({@link ConversationData#encodedSize}) takes exactly
     * {@code size} bytes: values repeating {@code unit} as far as the per-value limit allows, the last
     * two padded with ASCII to hit the size.
     * @param size the encoded size in bytes
     * @param unit the text the values repeat
     * @return the data
     */
    static Map<String, String> dataOfEncodedSize(int size, String unit) {
        Map<String, String> data = new LinkedHashMap<>();
        int unitBytes = (int) ConversationData.encodedSize(Map.of("", unit)) - (int) ConversationData.encodedSize(Map.of("", ""));
        String fullValue = unit.repeat((Conversation.MAX_DATA_VALUE_LENGTH - 64) / unit.length());
        int fullEntry = unitBytes * (fullValue.length() / unit.length()) + 16;
        while (size - ConversationData.encodedSize(data) > 2L * fullEntry) {
            data.put("k" + data.size(), fullValue);
        }
        // The rest in two entries, each under the per-value limit however small the unit's bytes.
        String first = "k" + data.size();
        String second = "k" + (data.size() + 1);
        data.put(first, "");
        data.put(second, "");
        long rest = size - ConversationData.encodedSize(data);
        data.put(first, padded(unit, unitBytes, rest / 2));
        data.put(second, padded(unit, unitBytes, rest - rest / 2));
        return data;
    }

    private static String padded(String unit, int unitBytes, long bytes) {
        return unit.repeat((int) (bytes / unitBytes)) + "x".repeat((int) (bytes % unitBytes));
    }

}
