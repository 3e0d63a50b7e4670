package dev.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy that holds every chunk for half a round trip in each direction, between the client and a node's
 * port: this kernel has no netem qdisc, so a 50 ms round trip on loopback is made here. Each listening address
 * is a node; each forwards to one of a few sshd. A direction's chunks are written in order by one scheduler, so
 * bytes are delayed, never reordered. The TCP connect itself is not delayed (the kernel completes it before the
 * proxy sees it): every tool's handshake is one round trip shorter than over a real 50 ms link.
 */
final class DelayingProxy implements AutoCloseable {
    private final long oneWayMillis;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Socket> open = java.util.Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService[] writers;

    DelayingProxy(long roundTripMillis) {
        this.oneWayMillis = roundTripMillis / 2;
        writers = new ScheduledExecutorService[4];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "proxy-writer");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Listens on {@code address:port} and forwards each connection to {@code target}. */
    void listen(String address, int port, InetSocketAddress target) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getByName(address), port), 512);
        listeners.add(listener);
        threads.execute(() -> {
            try {
                while (true) {
                    Socket client = listener.accept();
                    threads.execute(() -> connect(client, target));
                }
            } catch (IOException closed) {
                // The benchmark is over.
            }
        });
    }

    private void connect(Socket client, InetSocketAddress target) {
        try {
            Socket node = new Socket();
            node.connect(target);
            client.setTcpNoDelay(true);
            node.setTcpNoDelay(true);
            open.add(client);
            open.add(node);
            ScheduledExecutorService writer = writers[Math.floorMod(client.getPort(), writers.length)];
            java.util.concurrent.atomic.AtomicInteger ends = new java.util.concurrent.atomic.AtomicInteger(2);
            Runnable ended = () -> {
                if (ends.decrementAndGet() == 0) {
                    closeQuietly(client);
                    closeQuietly(node);
                    open.remove(client);
                    open.remove(node);
                }
            };
            threads.execute(() -> pump(node, client, writer, ended));
            pump(client, node, writer, ended);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, ScheduledExecutorService writer, Runnable ended) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                byte[] chunk = Arrays.copyOf(buffer, read);
                writer.schedule(() -> {
                    try {
                        out.write(chunk);
                    } catch (IOException gone) {
                        closeQuietly(to);
                    }
                }, oneWayMillis, TimeUnit.MILLISECONDS);
            }
        } catch (IOException closed) {
            // One side went away.
        }
        writer.schedule(() -> {
            try {
                to.shutdownOutput();
            } catch (IOException gone) {
                closeQuietly(to);
            }
            ended.run();
        }, oneWayMillis, TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }

    @Override
    public void close() {
        listeners.forEach(listener -> {
            try {
                listener.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        });
        synchronized (open) {
            open.forEach(DelayingProxy::closeQuietly);
        }
        threads.shutdownNow();
        Arrays.stream(writers).forEach(ExecutorService::shutdownNow);
    }
}
