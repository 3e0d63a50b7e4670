package dev.baton.sources;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body kept as the buffers it arrived in, refused (the rest not read) past a bound: what a
 * query that matched everything sends must not fill the heap, and it is never copied into one string.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<BoundedBody.Bytes> {

    /** The body did not fit; {@code declared} is the Content-Length when the server sent one, else -1. */
    static final class TooLarge extends IOException {
        final long declared;

        TooLarge(long declared) {
            super("answer larger than the bound");
            this.declared = declared;
        }
    }

    /** The body's bytes, read once as a stream or as text. */
    record Bytes(List<ByteBuffer> buffers, long size) {
        boolean isBlank() {
            for (ByteBuffer buffer : buffers) {
                for (int i = buffer.position(); i < buffer.limit(); i++) {
                    if (!Character.isWhitespace(buffer.get(i))) {
                        return false;
                    }
                }
            }
            return true;
        }

        InputStream stream() {
            return new InputStream() {
                private int index;
                private final List<ByteBuffer> views = buffers.stream().map(ByteBuffer::duplicate).toList();

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] into, int offset, int length) {
                    while (index < views.size() && !views.get(index).hasRemaining()) {
                        index++;
                    }
                    if (index == views.size()) {
                        return -1;
                    }
                    ByteBuffer current = views.get(index);
                    int n = Math.min(length, current.remaining());
                    current.get(into, offset, n);
                    return n;
                }
            };
        }

        /** The first bytes, for error messages. */
        byte[] head(int max) throws IOException {
            return stream().readNBytes(max);
        }
    }

    private final long max;
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private final CompletableFuture<Bytes> result = new CompletableFuture<>();
    private long size;
    private Flow.Subscription subscription;

    private BoundedBody(long max) {
        this.max = max;
    }

    /** A handler that refuses at once an answer whose Content-Length is past the bound. */
    static HttpResponse.BodyHandler<Bytes> handler(long max) {
        return info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            BoundedBody body = new BoundedBody(max);
            if (declared > max) {
                body.result.completeExceptionally(new TooLarge(declared));
            }
            return body;
        };
    }

    @Override
    public CompletionStage<Bytes> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            size += item.remaining();
            if (size > max) {
                buffers.clear();
                subscription.cancel();
                result.completeExceptionally(new TooLarge(-1));
                return;
            }
            buffers.add(item);
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Bytes(List.copyOf(buffers), size));
    }
}
