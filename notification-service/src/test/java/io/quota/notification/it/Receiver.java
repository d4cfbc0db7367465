package io.quota.notification.it;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real webhook receiver on loopback that records every request and answers the statuses it is scripted with. */
final class Receiver implements AutoCloseable {
    /** One request as received; header names lowercase; query raw (still URL-encoded), null when none. */
    record Hit(String method, String path, String query, Map<String, String> headers, String body, Instant at) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What a receiver answers: a status and a body (empty: none). */
    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final java.util.function.Function<Hit, Answer> responder;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile int otherwise;

    /** Answers {@code first} statuses in order, then {@code otherwise} for every later request. */
    static Receiver answering(int otherwise, Integer... first) throws IOException {
        return new Receiver(otherwise, first);
    }

    /** Answers what {@code responder} says for each request (a fake chat robot checking signatures). */
    static Receiver responding(java.util.function.Function<Hit, Answer> responder) throws IOException {
        return new Receiver(responder);
    }

    private Receiver(int otherwise, Integer... first) throws IOException {
        this(null);
        this.otherwise = otherwise;
        this.script.addAll(List.of(first));
    }

    private Receiver(java.util.function.Function<Hit, Answer> responder) throws IOException {
        this.responder = responder;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
            Hit hit = new Hit(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, new String(body, StandardCharsets.UTF_8),
                    Instant.now());
            Answer answer;
            if (this.responder != null) {
                answer = this.responder.apply(hit);
            } else {
                synchronized (script) {
                    answer = new Answer(script.isEmpty() ? this.otherwise : script.poll(), "");
                }
            }
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            if (out.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
            // recorded once answered, so a test that stops the receiver after seeing a hit does not cut the answer off
            hits.add(hit);
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    void otherwise(int status) {
        this.otherwise = status;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
