package io.quota.kpi.it;

import org.eclipse.microprofile.config.ConfigProvider;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A browser's view of a Server-Sent Events endpoint: collects the data lines it receives until closed. */
final class SseClient implements AutoCloseable {
    final List<String> data = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> status = new CompletableFuture<>();
    private final CompletableFuture<?> reading;

    SseClient(String path, String token) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build();
        reading = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> {
                    status.complete(response.statusCode());
                    try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                            StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            if (line.startsWith("data:")) {
                                data.add(line.substring(5).trim());
                            }
                        }
                    } catch (java.io.IOException e) {
                        // closed by the test
                    }
                });
    }

    @Override
    public void close() {
        reading.cancel(true);
    }
}
