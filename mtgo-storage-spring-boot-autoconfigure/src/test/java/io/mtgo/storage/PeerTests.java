package io.mtgo.storage;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PeerTests {

    @Test
    void builderNormalisesUsernameAndPhone() {
        Peer peer = Peer.builder(1, PeerType.USER).username("@Alice_1").phoneNumber("+123").usernames(List.of("@Alice_1", "bob_22")).build();
        assertThat(peer.username()).isEqualTo("Alice_1");
        assertThat(peer.phoneNumber()).isEqualTo("123");
        assertThat(peer.usernames()).containsExactly("Alice_1", "bob_22");
    }

    @Test
    void toStringLeavesOutAccessHashAndPhone() {
        Peer peer = Peer.builder(1, PeerType.USER).accessHash(987654321987L).phoneNumber("447700900123").build();
        assertThat(peer.toString()).doesNotContain("987654321987").doesNotContain("447700900123");
    }

    @Test
    void toBuilderRoundTrips() {
        Peer peer = Peer.builder(5, PeerType.CHANNEL).accessHash(9).username("news_room").min(true).lastUpdated(3).build();
        assertThat(peer.toBuilder().build()).isEqualTo(peer);
    }

    @Test
    void withLastUpdatedChangesOnlyTheTimestamp() {
        Peer peer = Peer.builder(5, PeerType.CHANNEL).accessHash(9).username("News_Room").usernames(List.of("News_Room", "extra_name"))
            .firstName("News").lastName("Room").phoneNumber("123").bot(true).photoId(4).language("en").min(true).build();
        Peer stamped = peer.withLastUpdated(1_700_000_000_000L);
        assertThat(stamped).isEqualTo(peer.toBuilder().lastUpdated(1_700_000_000_000L).build());
        assertThat(Usernames.keyOf(stamped)).isEqualTo("news_room");
        assertThat(stamped.withLastUpdated(1_700_000_000_000L)).isSameAs(stamped);
        assertThatIllegalArgumentException().isThrownBy(() -> peer.withLastUpdated(-1)).withMessageContaining("lastUpdated");
    }

    @Test
    void usernameKeyIsTheLowerCasedUsername() {
        assertThat(Usernames.keyOf(Peer.builder(1, PeerType.USER).username("@Alice_1").build())).isEqualTo("alice_1");
        assertThat(Usernames.keyOf(Peer.builder(1, PeerType.USER).build())).isNull();
    }

    @Test
    void rejectsInvalidFieldsNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.builder(0, PeerType.USER).build()).withMessageContaining("id");
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.builder(1, null).build()).withMessageContaining("type");
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.builder(1, PeerType.USER).username("ab").build())
            .withMessageContaining("username");
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.builder(1, PeerType.USER).phoneNumber("12a").build())
            .withMessageContaining("phoneNumber");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> Peer.builder(1, PeerType.USER).usernames(List.of("valid_one", "x")).build())
            .withMessageContaining("usernames[1]");
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.builder(1, PeerType.USER).firstName("a\u0000").build())
            .withMessageContaining("firstName");
    }

}
