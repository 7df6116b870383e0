package io.mtgo.storage.interop;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Telegram's published DC addresses: production DCs 1 to 5 and test DCs 1 to 3, IPv4 and IPv6
 * (the table Telegram clients such as Pyrogram and Telethon ship). Formats that carry no address
 * (Pyrogram's) are filled from it, and an imported address found among the test DCs marks the
 * session as a test-server session.
 */
final class TelegramDcAddresses {

    /** The port Telegram documents for both production and test DCs. */
    static final int PORT = 443;

    /** Lowest DC id: the table below covers 1 to {@link #MAX_DC_ID}. */
    static final int MIN_DC_ID = 1;

    /** Highest production DC id. */
    static final int MAX_DC_ID = 5;

    private static final List<String> PRODUCTION_IPV4 = List.of("149.154.175.53", "149.154.167.51", "149.154.175.100",
            "149.154.167.91", "91.108.56.130");

    private static final List<String> PRODUCTION_IPV6 = List.of("2001:b28:f23d:f001::a", "2001:67c:4e8:f002::a",
            "2001:b28:f23d:f003::a", "2001:67c:4e8:f004::a", "2001:b28:f23f:f005::a");

    private static final List<String> TEST_IPV4 = List.of("149.154.175.10", "149.154.167.40", "149.154.175.117");

    private static final List<String> TEST_IPV6 = List.of("2001:b28:f23d:f001::e", "2001:67c:4e8:f002::e",
            "2001:b28:f23d:f003::e");

    private TelegramDcAddresses() {
    }

    /**
     * @param dcId the DC id
     * @param testMode whether the test servers are meant
     * @return the DC's IPv4 address, or {@code null} when Telegram has no such DC
     */
    static @Nullable String ipv4(int dcId, boolean testMode) {
        return lookUp(testMode ? TEST_IPV4 : PRODUCTION_IPV4, dcId);
    }

    /**
     * @param dcId the DC id
     * @param testMode whether the test servers are meant
     * @return the DC's IPv6 address, or {@code null} when Telegram has no such DC
     */
    static @Nullable String ipv6(int dcId, boolean testMode) {
        return lookUp(testMode ? TEST_IPV6 : PRODUCTION_IPV6, dcId);
    }

    /**
     * @param address an address in any textual form
     * @return whether it is one of the test DCs' addresses
     */
    static boolean isTestAddress(@Nullable String address) {
        if (address == null) {
            return false;
        }
        byte[] packed = IpAddresses.pack(address);
        if (packed == null) {
            return false;
        }
        // Compare canonical forms so "2001:0b28:..." matches "2001:b28:...".
        String canonical = IpAddresses.format(packed);
        return TEST_IPV4.contains(canonical) || TEST_IPV6.contains(canonical);
    }

    /**
     * @param dcId a DC id
     * @return whether Telegram has a home DC with this id
     */
    static boolean isKnownDc(int dcId) {
        return dcId >= MIN_DC_ID && dcId <= MAX_DC_ID;
    }

    private static @Nullable String lookUp(List<String> table, int dcId) {
        return (dcId >= 1 && dcId <= table.size()) ? table.get(dcId - 1) : null;
    }

}
