package io.mtgo.storage.spi;

import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerMergeTests {

    private final Peer full = Peer.builder(1, PeerType.USER).accessHash(100).phoneNumber("123").firstName("Full").build();

    private final Peer min = Peer.builder(1, PeerType.USER).accessHash(5).firstName("Min").min(true).build();

    @Test
    void minOverFullKeepsAccessHashAndPhoneAndStaysFull() {
        Peer merged = PeerMerge.merge(this.full, this.min);
        assertThat(merged.accessHash()).isEqualTo(100);
        assertThat(merged.phoneNumber()).isEqualTo("123");
        assertThat(merged.firstName()).isEqualTo("Min");
        assertThat(merged.min()).isFalse();
    }

    @Test
    void otherwiseTheIncomingPeerWins() {
        assertThat(PeerMerge.merge(null, this.min)).isSameAs(this.min);
        assertThat(PeerMerge.merge(this.min, this.full)).isSameAs(this.full);
        Peer otherMin = this.min.toBuilder().accessHash(6).build();
        assertThat(PeerMerge.merge(this.min, otherMin)).isSameAs(otherMin);
    }

}
