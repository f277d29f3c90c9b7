package dev.telltale.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The W3C {@code tracestate} list: the values of every header line combined, checked against the
 * grammar (at most 32 members; keys and values as the specification spells them), duplicates after
 * the first dropped, and cut to {@value #MAX_LENGTH} characters by whole entries.
 */
final class TraceState {

    /** The length we propagate, the specification's minimum. */
    static final int MAX_LENGTH = 512;
    /** Entries longer than this go first when the list is cut. */
    static final int LONG_ENTRY = 128;
    static final int MAX_MEMBERS = 32;

    /** The list to propagate ({@code ""} for none) and why the header was discarded, or null. */
    record Result(String value, String problem) {}

    private static final Result EMPTY = new Result("", null);

    private TraceState() {}

    static Result parse(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return EMPTY;
        }
        if (headers.size() == 1 && headers.get(0) != null && isPlain(headers.get(0))) {
            return new Result(headers.get(0), null); // the common case, kept as it came
        }
        List<String> members = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            int from = 0;
            while (from <= header.length()) {
                int comma = header.indexOf(',', from);
                int to = comma < 0 ? header.length() : comma;
                String member = Hex.stripOws(header.substring(from, to));
                from = to + 1;
                if (member.isEmpty()) {
                    continue; // empty members are allowed, and not counted
                }
                String problem = checkMember(member);
                if (problem != null) {
                    return new Result("", problem);
                }
                if (members.size() == MAX_MEMBERS) {
                    return new Result("", "more than " + MAX_MEMBERS + " list members");
                }
                String key = member.substring(0, member.indexOf('='));
                if (!keys.contains(key)) { // a later duplicate is dropped, as the spec allows
                    keys.add(key);
                    members.add(member);
                } else {
                    members.add(null); // still counts toward the limit: it was sent
                }
            }
        }
        members.removeIf(m -> m == null);
        return new Result(truncate(members), null);
    }

    /**
     * Whether {@code h} is already what would be sent: at most {@value #MAX_LENGTH} characters and
     * {@value #MAX_MEMBERS} members, each a valid {@code key=value} with no whitespace around it,
     * no empty member, no key twice. Checked in place, without copying.
     */
    static boolean isPlain(String h) {
        int n = h.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        int members = 0;
        int from = 0;
        while (from < n) {
            int to = h.indexOf(',', from);
            if (to < 0) {
                to = n;
            }
            int eq = h.indexOf('=', from);
            if (eq < 0 || eq >= to || ++members > MAX_MEMBERS
                    || !validKey(h, from, eq) || !validValue(h, eq + 1, to) || seenBefore(h, from, eq)) {
                return false;
            }
            if (to == n - 1) {
                return false; // a trailing comma: an empty member
            }
            from = to + 1;
        }
        return true;
    }

    /** Whether the key {@code h[from, eq)} is also the key of an earlier member of {@code h}. */
    private static boolean seenBefore(String h, int from, int eq) {
        int length = eq - from;
        int at = 0;
        while (at < from) {
            int e = h.indexOf('=', at);
            if (e - at == length && h.regionMatches(at, h, from, length)) {
                return true;
            }
            at = h.indexOf(',', at) + 1;
        }
        return false;
    }

    /** Why {@code member} ({@code key=value}, OWS stripped) breaks the grammar, or null. */
    static String checkMember(String member) {
        int eq = member.indexOf('=');
        if (eq < 0) {
            return "member '" + W3cPropagation.shorten(member) + "' has no '='";
        }
        String key = member.substring(0, eq);
        if (!validKey(key)) {
            return "key '" + W3cPropagation.shorten(key) + "' is not 1-256 of a-z 0-9 _ - * / @ starting with a-z or 0-9";
        }
        String value = member.substring(eq + 1);
        if (!validValue(value)) {
            return "the value of '" + W3cPropagation.shorten(key)
                    + "' is not 1-256 printable ASCII characters without ',' and '=' ending in a non-space";
        }
        return null;
    }

    static boolean validKey(String key) {
        return validKey(key, 0, key.length());
    }

    /** Whether {@code s[from, to)} is a key: 1-256 of a-z 0-9 _ - * / @, starting with a-z or 0-9. */
    static boolean validKey(String s, int from, int to) {
        if (to <= from || to - from > 256) {
            return false;
        }
        char first = s.charAt(from);
        if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '*' || c == '/' || c == '@';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean validValue(String value) {
        return validValue(value, 0, value.length());
    }

    /** Whether {@code s[from, to)} is a value: 1-256 of 0x20-0x7e but ',' and '=', not ending in a space. */
    static boolean validValue(String s, int from, int to) {
        if (to <= from || to - from > 256 || s.charAt(to - 1) == ' ') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /**
     * Joins {@code members} with commas, first removing whole entries while the result is longer
     * than {@value #MAX_LENGTH}: entries over {@value #LONG_ENTRY} characters (rightmost first),
     * then from the right.
     */
    static String truncate(List<String> members) {
        int length = length(members);
        while (length > MAX_LENGTH) {
            int victim = members.size() - 1;
            for (int i = members.size() - 1; i >= 0; i--) {
                if (members.get(i).length() > LONG_ENTRY) {
                    victim = i;
                    break;
                }
            }
            members.remove(victim);
            length = length(members);
        }
        return String.join(",", members);
    }

    private static int length(List<String> members) {
        int length = Math.max(0, members.size() - 1);
        for (String m : members) {
            length += m.length();
        }
        return length;
    }
}
