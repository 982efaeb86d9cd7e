package org.treatygraph.derive;

import java.util.Arrays;

/**
 * A set of tuples of {@code arity} longs, each kept once, in the order they were added: a tuple's
 * position is how many were added before it. The tuples live in chunks of primitive arrays and
 * the set is an open-addressing table of positions, so a tuple costs {@code 8 × arity} bytes and
 * about 5 more — no objects per tuple. The derivation keeps its millions of derived triples (as
 * ids, {@link TripleLog}) and of solutions already concluded (as TDB2 node ids) in it.
 */
final class LongTuples {
    /** Tuples per chunk. */
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final int arity;
    private long[][] chunks = new long[4][];
    private int size;
    /** Position + 1 of the tuple in each slot; 0 = empty. Its length is a power of 2. */
    private int[] table = new int[64];

    LongTuples(int arity) {
        this.arity = arity;
    }

    int size() {
        return size;
    }

    /** Component {@code i} of the tuple at {@code pos}. */
    long get(int pos, int i) {
        return chunks[pos >>> CHUNK_BITS][(pos & (CHUNK - 1)) * arity + i];
    }

    /** The position of the tuple, or -1 when it is not in the set. */
    int find(long[] tuple) {
        int mask = table.length - 1;
        for (int slot = hash(tuple) & mask; ; slot = (slot + 1) & mask) {
            int p = table[slot];
            if (p == 0)
                return -1;
            if (equalsAt(p - 1, tuple))
                return p - 1;
        }
    }

    /** Adds the tuple (its values are copied) unless it is there; whether it was added. */
    boolean add(long[] tuple) {
        int mask = table.length - 1;
        int slot = hash(tuple) & mask;
        for (int p; (p = table[slot]) != 0; slot = (slot + 1) & mask)
            if (equalsAt(p - 1, tuple))
                return false;
        if (size == Integer.MAX_VALUE - 1)
            throw new IllegalStateException("more than 2^31 tuples");
        int pos = size++;
        int c = pos >>> CHUNK_BITS;
        if (c == chunks.length)
            chunks = Arrays.copyOf(chunks, c * 2);
        if (chunks[c] == null)
            chunks[c] = new long[CHUNK * arity];
        System.arraycopy(tuple, 0, chunks[c], (pos & (CHUNK - 1)) * arity, arity);
        table[slot] = pos + 1;
        if (size > table.length / 4 * 3)
            grow();
        return true;
    }

    private boolean equalsAt(int pos, long[] tuple) {
        long[] chunk = chunks[pos >>> CHUNK_BITS];
        int at = (pos & (CHUNK - 1)) * arity;
        for (int i = 0; i < arity; i++)
            if (chunk[at + i] != tuple[i])
                return false;
        return true;
    }

    private void grow() {
        if (table.length == 1 << 30)
            throw new IllegalStateException("table full");
        int[] t = new int[table.length * 2];
        int mask = t.length - 1;
        long[] tuple = new long[arity];
        for (int pos = 0; pos < size; pos++) {
            for (int i = 0; i < arity; i++)
                tuple[i] = get(pos, i);
            int slot = hash(tuple) & mask;
            while (t[slot] != 0)
                slot = (slot + 1) & mask;
            t[slot] = pos + 1;
        }
        table = t;
    }

    private static int hash(long[] tuple) {
        long h = 0x9E3779B97F4A7C15L;
        for (long v : tuple)
            h = (h ^ v) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32));
    }
}
