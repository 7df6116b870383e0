package io.mtgo.storage.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mtgo.storage.Conversation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
