package io.mtgo.storage.interop;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Converts IP address literals to and from their packed bytes without ever touching DNS.
 * {@link java.net.InetAddress#getByName} would resolve anything that is not a literal, which an
 * import from a pasted string must never do; {@code InetAddress.ofLiteral} needs Java 22.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * Packs an IPv4 (dotted quad) or IPv6 literal.
     * @param address the literal
     * @return 4 or 16 bytes, or {@code null} when the text is not an IP literal (a host name)
     */
    static byte @Nullable [] pack(String address) {
        return (address.indexOf(':') >= 0) ? packIpv6(address) : packIpv4(address);
    }

    /**
     * Formats packed bytes the way Python's {@code ipaddress} (and so Telethon) does: dotted quad
     * for IPv4, RFC 5952 lower-case compressed form for IPv6.
     * @param packed 4 or 16 bytes
     * @return the literal
     */
    static String format(byte[] packed) {
        if (packed.length == 4) {
            return (packed[0] & 0xFF) + "." + (packed[1] & 0xFF) + "." + (packed[2] & 0xFF) + "." + (packed[3] & 0xFF);
        }
        if (packed.length != 16) {
            throw new IllegalArgumentException("a packed IP address is 4 or 16 bytes but was " + packed.length);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((packed[2 * i] & 0xFF) << 8) | (packed[2 * i + 1] & 0xFF);
        }
        // RFC 5952: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static byte @Nullable [] packIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] packed = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            packed[i] = (byte) value;
        }
        return packed;
    }

    private static byte @Nullable [] packIpv6(String address) {
        String text = address.toLowerCase(Locale.ROOT);
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = groupsOf((gap >= 0) ? text.substring(0, gap) : text);
        String[] tail = (gap >= 0) ? groupsOf(text.substring(gap + 2)) : new String[0];
        if (head == null || tail == null) {
            return null;
        }
        int given = head.length + tail.length;
        if ((gap < 0 && given != 8) || (gap >= 0 && given > 7)) {
            return null;
        }
        byte[] packed = new byte[16];
        putGroups(head, packed, 0);
        putGroups(tail, packed, 8 - tail.length);
        return packed;
    }

    private static String @Nullable [] groupsOf(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        String[] groups = text.split(":", -1);
        for (String group : groups) {
            if (group.isEmpty() || group.length() > 4
                    || !group.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return null;
            }
        }
        return groups;
    }

    private static void putGroups(String[] groups, byte[] packed, int firstGroup) {
        for (int i = 0; i < groups.length; i++) {
            int value = Integer.parseInt(groups[i], 16);
            packed[2 * (firstGroup + i)] = (byte) (value >>> 8);
            packed[2 * (firstGroup + i) + 1] = (byte) value;
        }
    }

}
