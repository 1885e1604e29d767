package dev.reservations.engine;

import dev.reservations.core.Sid;
import java.util.ArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.ByteArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The keys of one kind (tasks, workers or workspaces): their sids interned as dense ids, and the
 * fields kept per key, side by side, so that they can never fall out of step.
 *
 * <p>Layout: a {@link SidTable} gives each sid its id in first-seen order; the columns below are
 * indexed by that id: the workspace id of the key ({@link #NO_WORKSPACE} for a task canceled before
 * its first reservation), a byte of {@link #CANCELED} and {@link #ASSIGNED} flags (tasks only use
 * them), the sid objects when the kind keeps them (workers and workspaces, a few and read on every
 * reservation built; tasks rebuild theirs from the bits, which saves 32 bytes a task), and the
 * key's rows in list order when the kind is indexed ({@link #rows}), and a generation that counts
 * the removals of the id, so that a reference to a removed key can tell it from a new key that took
 * its id. About 25 bytes per key plus the sid table's 24 to 32, and 32 more when sids are kept.
 *
 * <p>Invariants: every column has exactly {@link #size()} entries; a removed key's id is reused by
 * a later {@link #add}, which resets its columns (tasks only are removed, when deleted). {@link
 * #ensureRoom} grows every column before {@link #add} writes any, so that a failure to allocate
 * leaves the table as it was.
 *
 * @param <S> the sid type of the kind
 */
final class KeyTable<S extends Sid> {
  static final byte CANCELED = 1;
  static final byte ASSIGNED = 2;
  static final int NO_WORKSPACE = -1;

  /** Makes a kind's sid from its bits. */
  interface SidMaker<S> {
    S make(long high, long low);
  }

  private final String kind;
  private final SidMaker<S> maker;
  private final SidTable sids = new SidTable();
  private final IntArrayList workspace = new IntArrayList();
  private final ByteArrayList flags = new ByteArrayList();
  private final IntArrayList generation = new IntArrayList();
  private final @Nullable ArrayList<S> kept;

  /** The rows of each key, or null for a kind that indexes none. */
  final @Nullable KeyIndex rows;

  private KeyTable(
      String kind, SidMaker<S> maker, boolean keepSids, @Nullable ReservationTable table) {
    this.kind = kind;
    this.maker = maker;
    this.kept = keepSids ? new ArrayList<>() : null;
    this.rows = table == null ? null : new KeyIndex(table);
  }

  /** Tasks: indexed, flagged, sids rebuilt from their bits. */
  static <S extends Sid> KeyTable<S> tasks(SidMaker<S> maker, ReservationTable table) {
    return new KeyTable<>("tasks", maker, false, table);
  }

  /** Workers: indexed, sids kept. */
  static <S extends Sid> KeyTable<S> workers(SidMaker<S> maker, ReservationTable table) {
    return new KeyTable<>("workers", maker, true, table);
  }

  /** Workspaces: sids kept, no index. */
  static <S extends Sid> KeyTable<S> workspaces(SidMaker<S> maker) {
    return new KeyTable<>("workspaces", maker, true, null);
  }

  /** One more than the highest id: the length of a column indexed by id. */
  int size() {
    return sids.size();
  }

  /**
   * The id of the sid with these bits, or -1. O(1) expected. It takes bits, not a {@code Sid}, so
   * that callers read them from their concrete sid type, not through the interface, on the hot path
   * of every list.
   */
  int find(long high, long low) {
    return sids.find(high, low);
  }

  /**
   * Grows every column, and the index's blocks, so that one more key fits and {@link #add}
   * allocates nothing; changes no key.
   *
   * @throws IllegalStateException if the kind already holds {@link KeyIndex#MAX_KEYS} keys
   */
  void ensureRoom() {
    int size = sids.size();
    int next = sids.nextId();
    if (next >= KeyIndex.MAX_KEYS) {
      throw new IllegalStateException(
          "engine holds the most " + kind + " it can, " + KeyIndex.MAX_KEYS);
    }
    sids.ensureRoom();
    workspace.ensureCapacity(size + 1);
    flags.ensureCapacity(size + 1);
    generation.ensureCapacity(size + 1);
    if (kept != null) {
      kept.ensureCapacity(size + 1);
    }
    if (rows != null) {
      rows.ensureRoomToAdd(next);
    }
  }

  /**
   * Grows what adding a row under key {@code id} needs, or, for {@code -1}, what a new key with its
   * first row needs; changes nothing.
   *
   * @throws IllegalStateException for a new key when the kind is full
   */
  void ensureRoomToAdd(int id) {
    if (id < 0) {
      ensureRoom();
    } else if (rows != null) {
      rows.ensureRoomToAdd(id);
    }
  }

  /**
   * Adds a key that {@link #find} does not know, after {@link #ensureRoom}; returns its id.
   *
   * @param sid the new key
   * @param workspaceId its workspace's id, or {@link #NO_WORKSPACE}
   * @param initialFlags its flags
   */
  int add(S sid, int workspaceId, byte initialFlags) {
    ensureRoom();
    int id = sids.intern(sid.high(), sid.low());
    if (id < workspace.size()) {
      workspace.set(id, workspaceId);
      flags.set(id, initialFlags);
      if (kept != null) {
        kept.set(id, sid);
      }
    } else {
      workspace.add(workspaceId);
      flags.add(initialFlags);
      generation.add(0);
      if (kept != null) {
        kept.add(sid);
      }
    }
    return id;
  }

  /**
   * Removes a key whose rows are all gone: {@link #find} no longer knows its sid, its id is free
   * for a new key, and its generation moves on. Allocates nothing.
   */
  void remove(int id) {
    sids.remove(id);
    generation.set(id, generation.get(id) + 1);
    if (rows != null) {
      rows.clear(id);
    }
  }

  /** How many times this id's key was removed. */
  int generation(int id) {
    return generation.get(id);
  }

  /** The sid of a key. O(1); allocates for a kind that does not keep its sids. */
  S sid(int id) {
    return kept != null ? kept.get(id) : maker.make(sids.high(id), sids.low(id));
  }

  long high(int id) {
    return sids.high(id);
  }

  long low(int id) {
    return sids.low(id);
  }

  /** The workspace id of a key, or {@link #NO_WORKSPACE}. */
  int workspace(int id) {
    return workspace.get(id);
  }

  boolean has(int id, byte flag) {
    return (flags.get(id) & flag) != 0;
  }

  void flag(int id, byte flag) {
    flags.set(id, (byte) (flags.get(id) | flag));
  }
}
