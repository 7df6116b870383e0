package io.mtgo.storage.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid but awkward text — SQL and Redis-pattern metacharacters, JSON, format strings, unicode
 * oddities — is stored and read back exactly, as a name, a title, conversation data and a session
 * name, and changes nothing else.
 */
public interface ExactRoundTripContract extends ContractFixture {

    @ParameterizedTest
    @ValueSource(strings = { "'; DROP TABLE mtgo_peers; --", "\" OR \"\"=\"", "Robert'); --", "*?[]{}^$", "mtgo:{other}:peer:1",
            "% _ \\ %% \\\\", "{\"json\": [1, 2]}", "${jndi:ldap://127.0.0.1/x}", "%s %n %x", "null", "NULL", "\\u0000",
            "e\u0301 combining", "zero\u200bwidth\u200djoiner", "\u202eright-to-left override", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 supplementary",
            "👨‍👩‍👧 family emoji", "日本語のテキスト", "tab\tand\nnewline\r\n", " leading and trailing spaces ", "" })
    default void awkwardTextIsStoredAndReadBackExactly(String text) {
        Storage storage = storage();
        storage.setFirstName(text);
        assertThat(storage.getFirstName()).contains(text);

        Peer peer = Peer.builder(4242, PeerType.CHANNEL).firstName(text).lastName(text).lastUpdated(1).build();
        storage.savePeer(peer);
        assertThat(storage.loadPeer(PeerType.CHANNEL, 4242)).contains(peer);

        Map<String, String> data = new LinkedHashMap<>();
        data.put("value", text);
        data.put(text.isEmpty() ? "empty-key-stand-in" : text, "as a key");
        Conversation conversation = Conversation.builder(1, 2).name(text).step(text).data(data).createdAt(1).updatedAt(2).build();
        conversations().saveConversation(conversation);
        assertThat(conversations().loadConversation(1, 2)).contains(conversation);

        Session session = Session.builder(storage.sessionName()).serverAddress(text.isEmpty() ? null : text).build();
        storage.saveSession(session);
        assertThat(storage.loadSession(storage.sessionName())).contains(session);

        if (!text.isBlank() && text.strip().equals(text) && text.length() < 100) {
            String sessionName = track(newSessionName() + text);
            Storage other = storage.forSession(sessionName);
            other.setLastName(text);
            assertThat(other.getLastName()).contains(text);
            assertThat(storage.getLastName()).isEmpty();
        }
    }

}
