package dev.reservations.query;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a reservation list, as TaskRouter returns it: the items, the query that produced the
 * page, and the queries of the pages around it.
 *
 * <p>Immutable and thread-safe; {@link #items()} is unmodifiable. The page index and size are those
 * of {@link #query()}. {@code nextPage()} is empty when no match follows this page, so a walk never
 * ends on an empty page; {@code previousPage()} is empty on page 0.
 *
 * @param <T> the item type, {@code Reservation} for the engine's pages
 */
public final class Page<T> {
  /** TaskRouter's {@code meta.key} for reservation lists. */
  public static final String KEY = "reservations";

  private final ReservationQuery query;
  private final List<T> items;
  private final @Nullable ReservationQuery nextPage;
  private final @Nullable ReservationQuery previousPage;

  private Page(
      ReservationQuery query,
      List<T> items,
      @Nullable ReservationQuery nextPage,
      @Nullable ReservationQuery previousPage) {
    this.query = query;
    this.items = items;
    this.nextPage = nextPage;
    this.previousPage = previousPage;
  }

  /**
   * A page. Copies {@code items}. O(items).
   *
   * @param query the query that produced it
   * @param items its items, in list order
   * @param nextPage the query of the next page, or null if none follows
   * @param previousPage the query of the previous page, or null if none precedes
   * @param <T> the item type
   * @return the page
   * @throws NullPointerException if {@code query}, {@code items} or an item is null
   * @throws IllegalArgumentException if there are more items than the page size, or a link is for
   *     another list than {@code query}'s
   */
  public static <T> Page<T> of(
      ReservationQuery query,
      List<? extends T> items,
      @Nullable ReservationQuery nextPage,
      @Nullable ReservationQuery previousPage) {
    Objects.requireNonNull(query, "query");
    List<T> copy = List.copyOf(Objects.requireNonNull(items, "items"));
    if (copy.size() > query.pageSize()) {
      throw new IllegalArgumentException(
          "a page must hold at most its page size of "
              + query.pageSize()
              + " items: "
              + copy.size());
    }
    checkLink(query, nextPage, "next");
    checkLink(query, previousPage, "previous");
    return new Page<>(query, copy, nextPage, previousPage);
  }

  private static void checkLink(
      ReservationQuery query, @Nullable ReservationQuery link, String which) {
    if (link != null && !query.sameList(link)) {
      throw new IllegalArgumentException(
          which + " page must be of the same list as " + query + ": " + link);
    }
  }

  /** {@return the items, unmodifiable, in list order ({@code date_created}, then sid)} */
  public List<T> items() {
    return items;
  }

  /** {@return the query that produced this page} */
  public ReservationQuery query() {
    return query;
  }

  /** {@return the page index, echoed from the query} */
  public int pageIndex() {
    return query.page();
  }

  /** {@return the page size, from the query} */
  public int pageSize() {
    return query.pageSize();
  }

  /** {@return {@code "reservations"}, TaskRouter's {@code meta.key}} */
  public String key() {
    return KEY;
  }

  /** {@return the query of this list's first page: page 0, no token} */
  public ReservationQuery firstPage() {
    return query.withPage(0).withoutPageToken();
  }

  /** {@return the query of the next page, with a {@code PA…} token; empty when no match follows} */
  public Optional<ReservationQuery> nextPage() {
    return Optional.ofNullable(nextPage);
  }

  /** {@return the query of the previous page, with a {@code PB…} token; empty on page 0} */
  public Optional<ReservationQuery> previousPage() {
    return Optional.ofNullable(previousPage);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Page)) {
      return false;
    }
    Page<?> other = (Page<?>) o;
    return query.equals(other.query)
        && items.equals(other.items)
        && Objects.equals(nextPage, other.nextPage)
        && Objects.equals(previousPage, other.previousPage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(query, items, nextPage, previousPage);
  }

  @Override
  public String toString() {
    return "Page["
        + query
        + ", "
        + items.size()
        + " items, next="
        + nextPage
        + ", previous="
        + previousPage
        + "]";
  }
}
