package io.mtgo.storage.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import io.mtgo.storage.Conversation;
import io.mtgo.storage.ConversationStore;
import io.mtgo.storage.Peer;
import io.mtgo.storage.PeerType;
import io.mtgo.storage.Session;
import io.mtgo.storage.Storage;
import io.mtgo.storage.StorageContents;
import io.mtgo.storage.StorageCopy;
import io.mtgo.storage.Storages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StorageCopy} and {@link StorageContents} at the scale and in the shapes a migration
 * meets: sessions that hold peers, metadata, update state or conversations but no session record
 * (they must be copied too), caches larger than one page, and copies both out of and into the
 * storage under test. Extend it with a storage whose {@link #createStorage} sees only what the
 * test class wrote (its own key prefix, collections or schema): a copy takes every session.
 */
public abstract class StorageCopyTests {

    private final List<String> sessionNames = new ArrayList<>();

    /**
     * Returns how many peers the tests with a large cache save: more than one page of
     * {@link StorageCopy} (1,000) by default. A slow test server may lower it, not below 1,001.
     * @return the number of peers
     */
    protected int manyPeersCount() {
        return 2_500;
    }

    /**
     * Creates the storage under test.
     * @param sessionName the session it is scoped to
     * @return the storage
     */
    protected abstract Storage createStorage(String sessionName);

    @AfterEach
    void deleteSessions() {
        if (!this.sessionNames.isEmpty()) {
            Storage cleaner = createStorage(this.sessionNames.get(0));
            this.sessionNames.forEach(cleaner::deleteSession);
            cleaner.close();
        }
    }

    @Test
    void sessionsWithoutASessionRecordAreListedAndCopied() {
        Storage source = createStorage(name("full"));
        source.saveSession(Session.builder(source.sessionName()).dcId(2).authKey(ContractFixture.randomAuthKey()).build());
        Storage peersOnly = source.forSession(name("peers-only"));
        peersOnly.savePeers(List.of(ContractFixture.user(1, "only_peers"), ContractFixture.user(2, null)));
        Storage metadataOnly = source.forSession(name("metadata-only"));
        metadataOnly.setUserId(77);
        metadataOnly.setFirstName("Meta");
        Storage stateOnly = source.forSession(name("state-only"));
        stateOnly.setUpdateState(3, new byte[] { 3, 1 });
        Storage conversationOnly = source.forSession(name("conversation-only"));
        Conversation dialog = Conversation.builder(5, 6).step("ask").createdAt(1).updatedAt(2).build();
        ((ConversationStore) conversationOnly).saveConversation(dialog);

        assertThat(((StorageContents) source).sessionNames()).containsAll(this.sessionNames);
        try (Storage target = Storages.memory("copy-target")) {
            StorageCopy.Counts counts = StorageCopy.copy(source, target);
            assertThat(counts.sessions()).isGreaterThanOrEqualTo(this.sessionNames.size());
            assertThat(target.forSession(source.sessionName()).loadSession(source.sessionName())).isPresent();
            Storage copiedPeers = target.forSession(peersOnly.sessionName());
            assertThat(copiedPeers.loadSession(peersOnly.sessionName())).isEmpty();
            assertThat(copiedPeers.loadPeerByUsername("only_peers")).contains(ContractFixture.user(1, "only_peers"));
            assertThat(copiedPeers.loadPeer(PeerType.USER, 2)).contains(ContractFixture.user(2, null));
            assertThat(target.forSession(metadataOnly.sessionName()).getUserId()).hasValue(77);
            assertThat(target.forSession(metadataOnly.sessionName()).getFirstName()).contains("Meta");
            assertThat(target.forSession(stateOnly.sessionName()).getUpdateState(3))
                .hasValueSatisfying(state -> assertThat(state).containsExactly(3, 1));
            assertThat(((ConversationStore) target.forSession(conversationOnly.sessionName())).loadConversation(5, 6)).contains(dialog);
        }
    }

    @Test
    void peersAreHandedOverInBoundedPagesWithoutRepeats() {
        Storage storage = createStorage(name("paged"));
        List<Peer> peers = manyPeers();
        storage.savePeers(peers);
        Set<Long> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        ((StorageContents) storage).forEachPeerPage(300, page -> {
            pageSizes.add(page.size());
            page.forEach(peer -> assertThat(seen.add(peer.id())).as("peer %d seen once", peer.id()).isTrue());
        });
        assertThat(seen).hasSize(manyPeersCount());
        assertThat(pageSizes).allSatisfy(size -> assertThat(size).isBetween(1, 300));
        assertThat(pageSizes.size()).isGreaterThanOrEqualTo(manyPeersCount() / 300);
    }

    /** A user, a chat and a channel may share an id: a walk hands over each of them once, across pages. */
    @Test
    void pagesCrossPeerTypesAndKeepPeersOfOneIdApart() {
        Storage storage = createStorage(name("paged-types"));
        Set<String> saved = new HashSet<>();
        List<Peer> peers = new ArrayList<>();
        for (PeerType type : PeerType.values()) {
            for (long id = 1; id <= 7; id++) {
                peers.add(Peer.builder(id, type).accessHash(id * 10).build());
                saved.add(type + ":" + id);
            }
        }
        storage.savePeers(peers);
        Set<String> seen = new HashSet<>();
        ((StorageContents) storage).forEachPeerPage(5, page -> {
            assertThat(page).hasSizeBetween(1, 5);
            page.forEach(peer -> assertThat(seen.add(peer.type() + ":" + peer.id())).as("%s %d seen once", peer.type(), peer.id()).isTrue());
        });
        assertThat(seen).isEqualTo(saved);
    }

    @Test
    void aCacheOfManyPagesIsCopiedOutAndBackIn() {
        Storage storage = createStorage(name("many-out"));
        storage.savePeers(manyPeers());
        try (Storage middle = Storages.memory("copy-middle")) {
            assertThat(StorageCopy.copy(storage, middle).peers()).isGreaterThanOrEqualTo(manyPeersCount());
            Storage copied = middle.forSession(storage.sessionName());
            assertThat(new HashSet<>(((StorageContents) copied).allPeers())).isEqualTo(new HashSet<>(manyPeers()));

            // and back into the storage under test, under another session name
            Storage back = copied.forSession(name("many-in"));
            back.savePeers(manyPeers());
            back.setUpdateState(2, new byte[] { 9 });
            Storage target = createStorage(back.sessionName());
            StorageCopy.copy(back, target);
            assertThat(new HashSet<>(((StorageContents) target).allPeers())).isEqualTo(new HashSet<>(manyPeers()));
            assertThat(target.loadPeerByUsername("many_1001")).map(Peer::id).contains(1_001L);
            assertThat(target.getUpdateState(2)).hasValueSatisfying(state -> assertThat(state).containsExactly(9));
        }
    }

    private List<Peer> manyPeers() {
        return IntStream.rangeClosed(1, manyPeersCount()).mapToObj(id -> ContractFixture.user(id, (id % 2 == 1) ? "many_" + id : null)).toList();
    }

    private String name(String kind) {
        String name = "copy-" + kind + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.sessionNames.add(name);
        return name;
    }

}
