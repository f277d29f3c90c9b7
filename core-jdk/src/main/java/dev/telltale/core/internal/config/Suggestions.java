package dev.telltale.core.internal.config;

/** "Did you mean …?" for misspelt keys, options and names. */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate closest to {@code word} by edit distance, if it is closer than {@code
     * maxDistance}; otherwise null.
     */
    public static String closest(String word, Iterable<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = maxDistance;
        for (String candidate : candidates) {
            int d = distance(word, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
