package io.quota.notification.application;

import io.quota.notification.domain.WebhookAddressPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The SSRF guard, configured with quota.webhooks.allowed-hosts and real DNS resolution. */
@ApplicationScoped
public class WebhookAddresses {
    private final WebhookAddressPolicy policy;

    public WebhookAddresses(@ConfigProperty(name = "quota.webhooks.allowed-hosts") Optional<List<String>> allowedHosts) {
        this.policy = new WebhookAddressPolicy(allowedHosts.orElse(List.of()), InetAddress::getAllByName);
    }

    /** The URI to call; throws {@link WebhookAddressPolicy.Refused} when the address may not be called. */
    public URI check(String address) {
        return policy.check(address);
    }

    /** As {@link #check(String)}; {@code httpsRequired}: plain http only for allow-listed hosts. */
    public URI check(String address, boolean httpsRequired) {
        return policy.check(address, httpsRequired);
    }
}
