package io.billstream.webhook.domain;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlGuardTest {

    /** Names resolve from this table only: the rules are tested without any DNS traffic. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "localhost", "127.0.0.1",
            "internal.example.com", "10.1.2.3",
            "v6.example.com", "2606:2800:220:1:248:1893:25c8:1946",
            "metadata.example.com", "169.254.169.254");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.getOrDefault(host, host.matches("[0-9a-fA-F:.]+") ? host : null);
        if (ip == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[]{InetAddress.getByName(ip)};
    }

    private final UrlGuard strict = new UrlGuard(false, List.of(), UrlGuardTest::resolve);

    @Test
    void acceptsPublicHttpsTargets() throws Exception {
        assertThat(strict.check("https://hooks.example.com/billstream")).hasSize(1);
        assertThat(strict.check("https://v6.example.com/x")).hasSize(1);
        assertThat(strict.check("https://93.184.216.34:8443/x")).hasSize(1);
    }

    @Test
    void refusesNamesThatResolveToNonPublicAddresses() {
        for (String url : List.of("https://localhost/x", "https://internal.example.com/x",
                "https://metadata.example.com/latest")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOf(UrlGuard.RefusedUrlException.class)
                    .hasMessageContaining("non-public");
        }
        assertThatThrownBy(() -> strict.check("https://nowhere.example.com/x"))
                .hasMessageContaining("does not resolve");
    }

    @Test
    void refusesEveryNonPublicRange() {
        for (String ip : List.of("10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "127.0.0.1",
                "127.8.9.10", "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "224.0.0.1",
                "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
                "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1")) {
            assertThat(strict.isPermitted(address(ip))).as(ip).isFalse();
        }
        for (String ip : List.of("8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2001:4860:4860::8888",
                "64:ff9b::808:808")) {
            assertThat(strict.isPermitted(address(ip))).as(ip).isTrue();
        }
    }

    @Test
    void allowedNetworksOpenExactlyTheirRange() throws Exception {
        UrlGuard local = new UrlGuard(true, List.of("127.0.0.0/8", "10.10.0.0/16"), UrlGuardTest::resolve);
        assertThat(local.check("http://localhost:8080/hook")).hasSize(1);
        assertThat(local.isPermitted(address("10.10.3.4"))).isTrue();
        assertThat(local.isPermitted(address("10.11.0.1"))).isFalse();
        assertThat(local.isPermitted(address("::1"))).isFalse();
    }

    @Test
    void refusesOtherSchemesAndPlainHttpUnlessAllowed() {
        assertThatThrownBy(() -> strict.check("http://hooks.example.com/x")).hasMessageContaining("https");
        assertThatThrownBy(() -> strict.check("ftp://hooks.example.com/x"))
                .isInstanceOf(UrlGuard.RefusedUrlException.class);
        assertThatThrownBy(() -> strict.check("file:///etc/passwd")).isInstanceOf(UrlGuard.RefusedUrlException.class);
        assertThatThrownBy(() -> strict.check("not a url")).isInstanceOf(UrlGuard.MalformedUrlException.class);
        assertThatThrownBy(() -> strict.check("/relative")).isInstanceOf(UrlGuard.MalformedUrlException.class);
    }

    private static InetAddress address(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
