package io.quota.notification.it;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;

/**
 * Points the mailer of the application under test at the real SMTP server (GreenMail) that {@link EmailChannelTest}
 * starts, on a free loopback port chosen once per test JVM (kept in a system property, so every reader of the
 * configuration agrees on it).
 */
public class TestSmtpConfig implements ConfigSource {
    static final String PORT_PROPERTY = "quota.test.smtp-port";

    static int port() {
        synchronized (TestSmtpConfig.class) {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    port = Integer.toString(socket.getLocalPort());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                System.setProperty(PORT_PROPERTY, port);
            }
            return Integer.parseInt(port);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port()),
                "quarkus.mailer.start-tls", "DISABLED");
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String name) {
        return getProperties().get(name);
    }

    @Override
    public String getName() {
        return "test-smtp";
    }

    /** Above application.properties (250). */
    @Override
    public int getOrdinal() {
        return 275;
    }
}
