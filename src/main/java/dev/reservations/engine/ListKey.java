package dev.reservations.engine;

/**
 * One list of the engine, resolved from a query once: the dense ids of its workspace and of its
 * task or worker ({@code -1}: the list is empty for sure), its status filter ({@code -1}: any) and
 * its worker filter ({@code -1}: none), the ordinals and ids the indexes store. The {@link
 * KeyIndex} that holds the key is the caller's; a list key never outlives the call that made it.
 */
record ListKey(int workspace, int key, int status, int worker) {
  /** A list that holds nothing. */
  static ListKey empty() {
    return new ListKey(-1, -1, -1, -1);
  }
}
