package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookAddressPolicyTest {
    /** A fake DNS: names map to fixed addresses; IP literals resolve to themselves without any lookup. */
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34"),
            "rebind.example.com", List.of("93.184.216.34", "10.0.0.7"),
            "internal.example.com", List.of("192.168.1.20"),
            "localhost", List.of("127.0.0.1"));

    static final WebhookAddressPolicy POLICY = new WebhookAddressPolicy(List.of("localhost", " 127.0.0.1 "), host -> {
        List<String> ips = DNS.get(host);
        if (ips == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[]{InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[ips.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(ips.get(i));
        }
        return out;
    });

    @Test
    void publicAddressesAreCalled() {
        assertEquals("hooks.example.com", POLICY.check("https://hooks.example.com/quota?x=1").getHost());
        assertEquals("93.184.216.34", POLICY.check("http://93.184.216.34:8080/hook").getHost());
        assertEquals("hooks.example.com", POLICY.check("HTTPS://HOOKS.example.com/").getHost().toLowerCase());
    }

    @Test
    void privateLoopbackLinkLocalMulticastAndAnyAddressesAreRefused() {
        for (String address : List.of("http://10.1.2.3/x", "http://172.16.0.1/", "http://192.168.0.10/",
                "http://169.254.169.254/latest/meta-data", "http://127.0.0.2:9999/hook", "http://[::1]/",
                "http://[fe80::1]/", "http://[fd12:3456::1]/", "http://224.0.0.1/", "http://0.0.0.0/",
                "http://100.64.0.1/", "http://[::ffff:10.0.0.1]/", "https://internal.example.com/hook",
                "https://rebind.example.com/hook")) {
            WebhookAddressPolicy.Refused e = assertThrows(WebhookAddressPolicy.Refused.class, () -> POLICY.check(address),
                    address);
            assertFalse(e.malformed(), address);
            assertTrue(e.getMessage().contains("address"), e.getMessage());
        }
    }

    @Test
    void allowListedHostsAreCalledWithoutResolving() {
        assertEquals(9999, POLICY.check("http://127.0.0.1:9999/hook").getPort());
        assertEquals(8080, POLICY.check("http://LOCALHOST:8080/").getPort());
    }

    @Test
    void anUnresolvableHostIsRefused() {
        WebhookAddressPolicy.Refused e = assertThrows(WebhookAddressPolicy.Refused.class,
                () -> POLICY.check("https://nowhere.example.com/"));
        assertTrue(e.getMessage().contains("does not resolve"));
        assertFalse(e.malformed());
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAndNoCredentialsAreAddresses() {
        for (String address : List.of("ftp://hooks.example.com/x", "hooks.example.com/x", "/relative", "mailto:a@b.c",
                "http:///nohost", "https://user:pw@hooks.example.com/", "http://bad host/", "",
                "https://hooks.example.com/" + "a".repeat(2000))) {
            WebhookAddressPolicy.Refused e = assertThrows(WebhookAddressPolicy.Refused.class, () -> POLICY.check(address),
                    address);
            assertTrue(e.malformed(), address);
        }
    }

    @Test
    void httpsIsRequiredWhereAskedExceptForAllowListedHosts() {
        WebhookAddressPolicy.Refused e = assertThrows(WebhookAddressPolicy.Refused.class,
                () -> POLICY.check("http://hooks.example.com/quota", true));
        assertTrue(e.malformed());
        assertTrue(e.getMessage().contains("https"));
        assertEquals("https", POLICY.check("https://hooks.example.com/quota", true).getScheme());
        assertEquals("http", POLICY.check("http://127.0.0.1:9999/hook", true).getScheme());
        // a refused range is the graver answer when both apply
        assertFalse(assertThrows(WebhookAddressPolicy.Refused.class, () -> POLICY.check("http://10.0.0.1/", true)).malformed());
    }
}
