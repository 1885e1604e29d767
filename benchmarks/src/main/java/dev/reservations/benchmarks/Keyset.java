package dev.reservations.benchmarks;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The competitors' page tokens: a keyset cursor {@code A<dateCreatedNanos>_<sid>} (the page
 * starts after that key) or {@code B…} (the page ends before it). They only need to work within
 * the store that issued them; the competitors follow {@code A} tokens only.
 */
final class Keyset {
  /** The boundary of a token: list order is date created, then sid. */
  record Key(long createdNanos, ReservationSid sid) {}

  private Keyset() {}

  static @Nullable Key after(ReservationQuery query) {
    String token = query.pageToken().orElse(null);
    if (token == null) {
      return null;
    }
    if (token.isEmpty() || token.charAt(0) != 'A') {
      throw new UnsupportedOperationException("competitors follow next-page tokens only: "
          + token);
    }
    int split = token.indexOf('_');
    return new Key(Long.parseLong(token, 1, split, 10),
        ReservationSid.parse(token.substring(split + 1)));
  }

  static boolean isAfter(long createdNanos, ReservationSid sid, Key key) {
    int c = Long.compare(createdNanos, key.createdNanos());
    return c > 0 || (c == 0 && sid.compareTo(key.sid()) > 0);
  }

  /**
   * The page from {@code fetched}, the first {@code pageSize + 1} matches in list order: a next
   * link when one more match follows, a previous link past page 0, as the engine gives them.
   */
  static Page<Reservation> page(ReservationQuery query, List<Reservation> fetched) {
    int size = query.pageSize();
    List<Reservation> items = fetched.size() > size ? fetched.subList(0, size) : fetched;
    ReservationQuery next = null;
    if (fetched.size() > size) {
      next = query.withPage(query.page() + 1).withPageToken(token('A', items.get(size - 1)));
    }
    ReservationQuery previous = null;
    if (query.page() > 0 && !items.isEmpty()) {
      previous = query.withPage(query.page() - 1).withPageToken(token('B', items.get(0)));
    }
    return Page.of(query, items, next, previous);
  }

  private static String token(char direction, Reservation boundary) {
    return direction + Long.toString(Times.nanos(boundary.dateCreated())) + '_' + boundary.sid();
  }
}
