package dev.usagekit.retrofit;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import javax.annotation.Nullable;
import okhttp3.Request;
import okio.Timeout;
import retrofit2.Call;
import retrofit2.CallAdapter;
import retrofit2.Callback;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.adapter.rxjava3.RxJava3CallAdapterFactory;

/**
 * Retrofit's asynchronous RxJava 3 adapter ({@link RxJava3CallAdapterFactory#create()}), with one fix: a call that
 * fails because OkHttp's {@code callTimeout} expired is signalled as the failure. The adapter drops the failure of
 * any call that reports {@link Call#isCanceled()}, taking it for a call its subscriber disposed of, and OkHttp
 * cancels a call whose deadline passes: the subscriber would wait forever. Here the adapter sees a call that is
 * canceled only when it canceled it itself. A page that arrives carries the response's {@code Date} header as its
 * {@link dev.usagekit.model.UsageResponse#serverDate() serverDate}.
 */
final class DeadlineCallAdapterFactory extends CallAdapter.Factory {
  private final CallAdapter.Factory delegate = RxJava3CallAdapterFactory.create();

  @Override
  public @Nullable CallAdapter<?, ?> get(Type returnType, Annotation[] annotations, Retrofit retrofit) {
    CallAdapter<?, ?> adapter = delegate.get(returnType, annotations, retrofit);
    return adapter == null ? null : adapt(adapter);
  }

  private static <R, T> CallAdapter<R, T> adapt(CallAdapter<R, T> adapter) {
    return new CallAdapter<R, T>() {
      @Override
      public Type responseType() {
        return adapter.responseType();
      }

      @Override
      public T adapt(Call<R> call) {
        return adapter.adapt(new CallerCanceledCall<>(call));
      }
    };
  }

  @Override
  public String toString() {
    return "UsageApiFactory.DeadlineCallAdapterFactory";
  }

  /** {@code delegate}, canceled in the sense of {@link #isCanceled()} only once {@link #cancel()} is called on it. */
  static final class CallerCanceledCall<T> implements Call<T> {
    private final Call<T> delegate;
    private volatile boolean canceled;

    CallerCanceledCall(Call<T> delegate) {
      this.delegate = delegate;
    }

    @Override
    public Response<T> execute() throws IOException {
      return ServerDates.dated(delegate.execute());
    }

    @Override
    public void enqueue(Callback<T> callback) {
      delegate.enqueue(new Callback<T>() {
        @Override
        public void onResponse(Call<T> call, Response<T> response) {
          callback.onResponse(CallerCanceledCall.this, ServerDates.dated(response));
        }

        @Override
        public void onFailure(Call<T> call, Throwable t) {
          callback.onFailure(CallerCanceledCall.this, t);
        }
      });
    }

    @Override
    public boolean isExecuted() {
      return delegate.isExecuted();
    }

    @Override
    public void cancel() {
      canceled = true;
      delegate.cancel();
    }

    @Override
    public boolean isCanceled() {
      return canceled;
    }

    @SuppressWarnings("MethodDoesntCallSuperMethod") // Call.clone() means a new call, as in Retrofit
    @Override
    public Call<T> clone() {
      return new CallerCanceledCall<>(delegate.clone());
    }

    @Override
    public Request request() {
      return delegate.request();
    }

    @Override
    public Timeout timeout() {
      return delegate.timeout();
    }

    @Override
    public String toString() {
      return "CallerCanceledCall(" + delegate + ")";
    }
  }
}
