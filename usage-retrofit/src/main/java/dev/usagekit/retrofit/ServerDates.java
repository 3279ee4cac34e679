package dev.usagekit.retrofit;

import dev.usagekit.model.UsageResponse;
import java.util.Date;
import retrofit2.Response;

/**
 * Puts the HTTP {@code Date} header of a successful page on the page ({@link UsageResponse#serverDate()}): the
 * server's clock, which {@code usage-rx} weighs beside the local one before it caches a bucket as final.
 */
final class ServerDates {
  private ServerDates() {}

  /** {@code response}, its body dated when it is a page with a {@code Date} header that parses; else as it is. */
  static <T> Response<T> dated(Response<T> response) {
    T body = response.body();
    if (!response.isSuccessful() || !(body instanceof UsageResponse)) {
      return response;
    }
    Date date = response.headers().getDate("Date");
    if (date == null) {
      return response;
    }
    @SuppressWarnings("unchecked") // body is a UsageResponse, so T is UsageResponse or a supertype of it
    T dated = (T) UsageResponse.builder().from((UsageResponse) body).serverDate(date.toInstant()).build();
    return Response.success(dated, response.raw());
  }
}
